#pragma once

#include <string>

#include "reports/notes_document.hpp"

namespace hallmark::reports {

// The notes as one self-contained HTML5 page (inline CSS for screen and print, no scripts, no
// outside resources): every text escaped. Never fails.
std::string render_notes_html(const notes::Document& document);

}  // namespace hallmark::reports
