#include "probes/parsers/stat_line.hpp"

#include <charconv>
#include <sstream>
#include <string>

namespace hallmark::probes::parsers {

bool decode_stat_line(std::string_view line, FileInfo& file) {
  std::istringstream in{std::string(line)};
  std::string raw_mode;
  if (!(in >> raw_mode >> file.uid >> file.gid >> file.user >> file.group >> file.size)) return false;
  unsigned mode = 0;
  if (std::from_chars(raw_mode.data(), raw_mode.data() + raw_mode.size(), mode, 16).ec != std::errc{}) return false;
  switch (mode & 0170000) {
    case 0100000: file.type = contracts::FileType::file; break;
    case 0040000: file.type = contracts::FileType::directory; break;
    case 0120000: file.type = contracts::FileType::symlink; break;
    default: file.type = contracts::FileType::other; break;
  }
  file.mode = mode & 07777;
  file.exists = true;
  return true;
}

}  // namespace hallmark::probes::parsers
