#include "contracts/toml_depth.hpp"

#include <vector>

#include <fmt/format.h>

namespace hallmark::contracts {

namespace {

// The index just past the string that starts at `start` (a ' or "), or text.size() when it is
// not closed. Triple quotes open multi-line strings; only basic (") strings have escapes.
std::size_t skip_string(std::string_view text, std::size_t start) {
  const char quote = text[start];
  const bool escapes = quote == '"';
  const std::string_view triple = quote == '"' ? std::string_view("\"\"\"") : std::string_view("'''");
  const bool multi_line = text.substr(start, 3) == triple;
  std::size_t i = start + (multi_line ? 3 : 1);
  while (i < text.size()) {
    if (escapes && text[i] == '\\') {
      i += 2;
    } else if (multi_line ? text.substr(i, 3) == triple : text[i] == quote) {
      return i + (multi_line ? 3 : 1);
    } else if (!multi_line && text[i] == '\n') {
      return i;  // a one-line string may not span lines: toml++ reports it
    } else {
      ++i;
    }
  }
  return text.size();
}

}  // namespace

std::optional<ContractError> check_toml_depth(std::string_view text, const std::string& file) {
  std::vector<int> outer;  // the depth at each open '{' or '['
  int depth = 0;           // of the open brackets
  int dots = 0;            // parts of the dotted key (or number) read since the last separator
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      for (const std::size_t end = skip_string(text, i); i < end; ++i) {
        if (text[i] == '\n') ++line, line_start = i + 1;
      }
      continue;
    }
    if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (c == '.') ++dots;
    if (c == '{' || c == '[') {
      outer.push_back(depth);
      depth += dots + 1;
      dots = 0;
    }
    if ((c == '}' || c == ']') && !outer.empty()) {
      depth = outer.back();
      outer.pop_back();
      dots = 0;
    }
    if (c == ',' || c == '\n') dots = 0;
    if (depth + dots > k_max_toml_depth) {
      return ContractError{{file, line, static_cast<int>(i - line_start) + 1},
                           fmt::format("keys and values nest more than {} levels deep here (dotted key parts, "
                                       "table header parts, inline tables and arrays)",
                                       k_max_toml_depth)};
    }
    if (c == '\n') ++line, line_start = i + 1;
    ++i;
  }
  return std::nullopt;
}

}  // namespace hallmark::contracts
