#pragma once

#include <string>
#include <string_view>

namespace hallmark::reports {

// Makes text from a target or a snapshot safe to print on one line of a terminal or a CI log:
// control bytes (C0, DEL, and the C1 controls U+0080..U+009F encoded in UTF-8, which some
// terminals obey like ESC [) become visible "\xNN" escapes, so an image cannot move the cursor,
// recolour or clear the log, or start a new line that looks like hallmark's own. A backslash
// stays as it is; everything else, including other UTF-8, is kept.
std::string terminal_safe(std::string_view text);

}  // namespace hallmark::reports
