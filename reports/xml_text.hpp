#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hallmark::reports {

// Makes arbitrary target output safe for an XML 1.0 document: bytes XML cannot carry (control
// characters other than tab and newlines, invalid UTF-8) become visible "\xNN" escapes, and text
// longer than `limit` bytes is cut with a note saying how much was dropped.
std::string xml_safe(std::string_view text, std::size_t limit = 65536);

}  // namespace hallmark::reports
