#include "reports/notes_html.hpp"

#include <fmt/format.h>

#include "reports/xml_text.hpp"

namespace hallmark::reports {

namespace {

constexpr std::string_view k_style = R"css(
body { font: 15px/1.5 system-ui, sans-serif; color: #1b1f24; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #1b1f24; padding-bottom: .3rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #c8ccd1; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
code { font: .9em ui-monospace, monospace; background: #eef0f3; padding: 0 .25em; border-radius: 3px; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #c8ccd1; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef0f3; }
li { margin: .15rem 0; }
a { color: #0b57d0; }
@media print {
  body { font-size: 11pt; margin: 0; max-width: none; }
  h2, h3 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  a { color: inherit; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .85em; }
}
)css";

// Text as HTML character data or an attribute value: markup characters become references,
// bytes HTML cannot carry become visible escapes.
std::string escape(std::string_view text) {
  std::string out;
  for (const char c : xml_safe(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string line_html(const notes::Line& line) {
  std::string html;
  for (const notes::Span& span : line) {
    switch (span.style) {
      case notes::Span::Style::plain: html += escape(span.text); break;
      case notes::Span::Style::code: html += "<code>" + escape(span.text) + "</code>"; break;
      case notes::Span::Style::link:
        html += fmt::format("<a href=\"{}\">{}</a>", escape(span.href), escape(span.text));
        break;
    }
  }
  return html;
}

}  // namespace

std::string render_notes_html(const notes::Document& document) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{0}</title>\n<style>{1}</style>\n</head>\n<body>\n<h1>{0}</h1>\n",
      escape(document.title), k_style);
  for (const notes::Section& section : document.sections) {
    out += fmt::format("<h{0}>{1}</h{0}>\n", section.level, escape(section.title));
    for (const notes::Line& paragraph : section.paragraphs) out += "<p>" + line_html(paragraph) + "</p>\n";
    if (!section.items.empty()) {
      out += "<ul>\n";
      for (const notes::Line& item : section.items) out += "<li>" + line_html(item) + "</li>\n";
      out += "</ul>\n";
    }
    if (section.table.rows.empty()) continue;
    out += "<table>\n<thead><tr>";
    for (const std::string& cell : section.table.header) out += "<th>" + escape(cell) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : section.table.rows) {
      out += "<tr>";
      for (const notes::Line& cell : row) out += "<td>" + line_html(cell) + "</td>";
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  return out + "</body>\n</html>\n";
}

}  // namespace hallmark::reports
