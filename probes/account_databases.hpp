#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hallmark::probes {

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

// os-release(5): KEY=value lines with optional shell-style quotes. Returns the value or nullopt.
std::optional<std::string> os_release_value(std::string_view text, std::string_view key);

}  // namespace hallmark::probes
