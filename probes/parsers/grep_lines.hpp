#pragma once

#include <expected>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace hallmark::probes::parsers {

// Splits what `grep -H '' -- PATHS...` printed ("PATH:LINE" for each line of each file, the
// files in the order given) into each path's content: its lines joined by newlines, without
// trailing newlines (as `$(cat PATH)` gives it). A path without lines has "". Fails on a line
// that belongs to none of the paths still to come. No path may hold ':' or a newline.
std::expected<std::map<std::string, std::string>, std::string> parse_grep_lines(std::string_view output,
                                                                               const std::vector<std::string>& paths);

}  // namespace hallmark::probes::parsers
