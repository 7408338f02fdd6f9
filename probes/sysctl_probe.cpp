#include "probes/sysctl_probe.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hallmark::probes {

void plan(const contracts::SysctlSpec& spec, FactRequest& request) { request.sysctls.insert(spec.key); }

std::string normalise_whitespace(std::string_view text) {
  std::string result;
  bool pending_space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !result.empty();
      continue;
    }
    if (pending_space) result += ' ';
    pending_space = false;
    result += c;
  }
  return result;
}

std::string sysctl_path(std::string_view key) {
  std::string path = "/proc/sys/" + std::string(key);
  std::replace(path.begin() + 10, path.end(), '.', '/');
  return path;
}

Outcome evaluate(const contracts::SysctlSpec& spec, const Facts& facts) {
  const std::string expected = fmt::format("{} = {}", spec.key, spec.value);
  const auto found = facts.sysctls.find(spec.key);
  if (found == facts.sysctls.end()) return Outcome::error(expected, "sysctl facts were not gathered");
  if (!found->second) return Outcome::error(expected, found->second.error());
  const std::optional<std::string>& value = *found->second;
  if (!value) return Outcome::fail(expected, fmt::format("{} does not exist on the target", spec.key));
  const std::string actual = fmt::format("{} = {}", spec.key, normalise_whitespace(*value));
  return normalise_whitespace(*value) == normalise_whitespace(spec.value) ? Outcome::pass(expected, actual)
                                                                          : Outcome::fail(expected, actual);
}

}  // namespace hallmark::probes
