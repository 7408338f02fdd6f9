#pragma once

#include <string>
#include <vector>

// The technical notes as a small document tree, built once (technical_notes.cpp) and written as
// Markdown (notes_markdown.cpp) or HTML (notes_html.cpp), so both say the same thing.
namespace hallmark::reports::notes {

// A run of text: plain, code, or a link. Text is never markup; each writer escapes it.
struct Span {
  enum class Style { plain, code, link };
  Style style = Style::plain;
  std::string text;
  std::string href;  // links only

  static Span plain_text(std::string text) { return {Style::plain, std::move(text), {}}; }
  static Span code(std::string text) { return {Style::code, std::move(text), {}}; }
  static Span link(std::string text, std::string href) { return {Style::link, std::move(text), std::move(href)}; }
};
using Line = std::vector<Span>;

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<Line>> rows;  // each row has header.size() cells
};

// A heading (level 2 or 3) with, in order, its paragraphs, a bulleted list and a table.
struct Section {
  int level = 2;
  std::string title;
  std::vector<Line> paragraphs;
  std::vector<Line> items;
  Table table;
};

struct Document {
  std::string title;
  std::vector<Section> sections;
};

}  // namespace hallmark::reports::notes
