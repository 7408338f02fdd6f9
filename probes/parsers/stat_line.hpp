#pragma once

#include <string_view>

#include "probes/facts.hpp"

namespace hallmark::probes::parsers {

// The format the files script asks stat(1) for: raw mode in hex, uid, gid, owner, group, size.
inline constexpr std::string_view k_stat_format = "%f %u %g %U %G %s";

// Decodes one such line into `file` (type, mode, owner, size; exists = true). False when the
// line is not complete: stat printed an error or fewer fields.
bool decode_stat_line(std::string_view line, FileInfo& file);

}  // namespace hallmark::probes::parsers
