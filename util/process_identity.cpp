#include "util/process_identity.hpp"

#include <unistd.h>

#include <charconv>
#include <string>

#include "util/text.hpp"
#include "util/text_file.hpp"

namespace hallmark::util {

namespace {

std::string current_boot_id() {
  std::string id = read_text_file("/proc/sys/kernel/random/boot_id").value_or("");
  while (!id.empty() && id.back() == '\n') id.pop_back();
  return id;
}

std::optional<unsigned long long> start_ticks_of(long pid) {
  const auto stat = read_text_file("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return std::nullopt;
  return start_ticks_from_stat(*stat);
}

}  // namespace

std::optional<unsigned long long> start_ticks_from_stat(std::string_view stat_line) {
  const auto close = stat_line.rfind(") ");
  if (close == std::string_view::npos) return std::nullopt;
  // After "pid (comm) " come state (field 3) ... starttime (field 22).
  const auto fields = split(stat_line.substr(close + 2), ' ');
  if (fields.size() < 20) return std::nullopt;
  const std::string_view word = fields[19];
  unsigned long long ticks = 0;
  const auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), ticks);
  if (ec != std::errc{} || ptr != word.data() + word.size()) return std::nullopt;
  return ticks;
}

const ProcessIdentity& this_process() {
  static const ProcessIdentity self{getpid(), start_ticks_of(getpid()).value_or(0), current_boot_id()};
  return self;
}

bool is_running(const ProcessIdentity& owner) {
  if (owner.pid <= 0 || owner.boot_id != this_process().boot_id) return false;
  const auto ticks = start_ticks_of(owner.pid);
  return ticks && *ticks == owner.start_ticks;
}

}  // namespace hallmark::util
