#pragma once

#include <expected>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace hallmark::probes::parsers {

// Splits what `head -v -c N -- PATHS...` printed (each file's bytes after a "==> PATH <=="
// line, the files in the order given, a blank line between two) into each path's bytes. Fails
// when a path's header is not where it belongs. A file whose bytes hold the next file's header
// line would be cut there: /proc/sys, which this reads, is the kernel's.
std::expected<std::map<std::string, std::string>, std::string> parse_headed_files(std::string_view output,
                                                                                 const std::vector<std::string>& paths);

}  // namespace hallmark::probes::parsers
