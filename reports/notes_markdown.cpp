#include "reports/notes_markdown.hpp"

#include <fmt/format.h>

#include "reports/markdown_text.hpp"

namespace hallmark::reports {

namespace {

// A URL as a Markdown link destination: the characters that would end or break one are
// percent-encoded, which leaves the URL the same to a browser.
std::string link_destination(std::string_view url) {
  std::string out;
  for (const char c : url) {
    if (c == ' ' || c == '(' || c == ')' || c == '<' || c == '>' || c == '\\' || c == '\n' || c == '\r') {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out;
}

std::string line_text(const notes::Line& line) {
  std::string text;
  for (const notes::Span& span : line) {
    switch (span.style) {
      case notes::Span::Style::plain: text += markdown_escape(span.text); break;
      case notes::Span::Style::code: text += markdown_code(span.text); break;
      case notes::Span::Style::link: text += fmt::format("[{}]({})", markdown_escape(span.text), link_destination(span.href)); break;
    }
  }
  return text;
}

}  // namespace

std::string render_notes_markdown(const notes::Document& document) {
  std::string out = fmt::format("# {}\n", markdown_escape(document.title));
  for (const notes::Section& section : document.sections) {
    out += fmt::format("\n{} {}\n", std::string(static_cast<std::size_t>(section.level), '#'), markdown_escape(section.title));
    for (const notes::Line& paragraph : section.paragraphs) out += "\n" + line_text(paragraph) + "\n";
    if (!section.items.empty()) out += "\n";
    for (const notes::Line& item : section.items) out += "- " + line_text(item) + "\n";
    if (section.table.rows.empty()) continue;
    out += "\n|";
    for (const std::string& cell : section.table.header) out += " " + markdown_escape(cell) + " |";
    out += "\n|";
    for (std::size_t i = 0; i < section.table.header.size(); ++i) out += "---|";
    out += "\n";
    for (const auto& row : section.table.rows) {
      out += "|";
      for (const notes::Line& cell : row) out += " " + line_text(cell) + " |";
      out += "\n";
    }
  }
  return out;
}

}  // namespace hallmark::reports
