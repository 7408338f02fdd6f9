#include "reports/markdown_text.hpp"

#include <algorithm>
#include <string_view>

namespace hallmark::reports {

std::string markdown_escape(std::string_view text) {
  // < > & become entities, which every Markdown reader (CommonMark, python-markdown) decodes;
  // a backslash before them is an escape in CommonMark only.
  constexpr std::string_view k_markup = "\\`*_{}[]()#+-.!|~";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
      continue;
    }
    if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      if (k_markup.find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

std::string markdown_code(std::string_view text) {
  // The longest run of backticks inside decides the fence; a space pads text that starts or
  // ends with one. A pipe is escaped even in code: GFM tables split rows on it first.
  std::size_t longest = 0, run = 0;
  std::string body;
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
    if (c == '\n' || c == '\r') {
      body += ' ';
    } else if (c == '|') {
      body += "\\|";
    } else {
      body += c;
    }
  }
  const std::string fence(longest + 1, '`');
  const bool pad = body.starts_with('`') || body.ends_with('`') || body.empty();
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

}  // namespace hallmark::reports
