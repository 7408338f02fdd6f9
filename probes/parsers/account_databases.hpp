#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hallmark::probes::parsers {

// One line of /etc/passwd.
struct PasswdEntry {
  std::string name;
  unsigned uid = 0;
  unsigned gid = 0;
  std::string home;
  std::string shell;
};

// One line of /etc/group.
struct GroupEntry {
  std::string name;
  unsigned gid = 0;
  std::vector<std::string> members;
};

// Parse the colon-separated databases; malformed lines (and NIS "+" entries) are skipped.
std::vector<PasswdEntry> parse_passwd(std::string_view text);
std::vector<GroupEntry> parse_group(std::string_view text);

}  // namespace hallmark::probes::parsers
