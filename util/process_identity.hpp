#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hallmark::util {

// A process as this host knows it: its pid, when it started (clock ticks after boot, field 22 of
// /proc/PID/stat) and the boot it belongs to. A pid alone is reused; the three together are not,
// so a leftover can tell whether the hallmark that made it is still running.
struct ProcessIdentity {
  long pid = 0;
  unsigned long long start_ticks = 0;
  std::string boot_id;  // /proc/sys/kernel/random/boot_id
};

// This process.
const ProcessIdentity& this_process();

// The start time in a /proc/PID/stat line, or nothing when the line is malformed. The command
// name in parentheses may hold spaces and parentheses, so fields are counted after the last ')'.
std::optional<unsigned long long> start_ticks_from_stat(std::string_view stat_line);

// True while `owner` still runs on this host: same boot, and /proc/PID exists with the same
// start time. A process of an earlier boot, or a pid since reused, is not running.
bool is_running(const ProcessIdentity& owner);

}  // namespace hallmark::util
