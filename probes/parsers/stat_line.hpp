#pragma once

#include <string_view>

#include "probes/facts.hpp"

namespace hallmark::probes::parsers {

// Decodes one line of the files script's `stat -c '%f %u %g %U %G %s'` (raw mode in hex, uid,
// gid, owner, group, size) into `file` (type, mode, owner, size; exists = true). False when the
// line is not complete: stat printed an error or fewer fields.
bool decode_stat_line(std::string_view line, FileInfo& file);

}  // namespace hallmark::probes::parsers
