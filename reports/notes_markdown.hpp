#pragma once

#include <string>

#include "reports/notes_document.hpp"

namespace hallmark::reports {

// The notes as CommonMark with GFM tables: every text escaped, links as [text](url). Never fails.
std::string render_notes_markdown(const notes::Document& document);

}  // namespace hallmark::reports
