#pragma once

#include <string>
#include <string_view>

namespace hallmark::reports {

// Text from a contract or an image made safe inside Markdown prose and table cells: every
// character CommonMark could read as markup is backslash-escaped, and line breaks become spaces
// (a table row is one line). Never fails.
std::string markdown_escape(std::string_view text);

// Text shown as inline code: wrapped in enough backticks that none inside closes it.
std::string markdown_code(std::string_view text);

}  // namespace hallmark::reports
