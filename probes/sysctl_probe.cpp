#include "probes/sysctl_probe.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <fmt/ranges.h>

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

namespace {

std::string describe_expected(const contracts::SysctlSpec& spec) {
  std::vector<std::string> parts;
  if (spec.value) parts.push_back(fmt::format("= {}", *spec.value));
  if (spec.matches) parts.push_back(fmt::format("matches /{}/", spec.matches->text()));
  if (spec.min) parts.push_back(fmt::format(">= {}", *spec.min));
  if (spec.max) parts.push_back(fmt::format("<= {}", *spec.max));
  return fmt::format("{} {}", spec.key, fmt::join(parts, ", "));
}

std::optional<std::int64_t> as_integer(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

Outcome evaluate(const contracts::SysctlSpec& spec, const Facts& facts) {
  const std::string expected = describe_expected(spec);
  const auto found = facts.sysctls.find(spec.key);
  if (found == facts.sysctls.end()) return Outcome::error(expected, "sysctl facts were not gathered");
  if (!found->second) return Outcome::error(expected, found->second.error());
  const std::optional<std::string>& raw = *found->second;
  if (!raw) return Outcome::fail(expected, fmt::format("{} does not exist on the target", spec.key));
  const std::string value = normalise_whitespace(*raw);
  const std::string actual = fmt::format("{} = {}", spec.key, value);

  bool holds = !spec.value || value == normalise_whitespace(*spec.value);
  holds = holds && (!spec.matches || spec.matches->found_in(value));
  if (spec.min || spec.max) {
    const auto number = as_integer(value);
    if (!number) return Outcome::fail(expected, actual + " (not a number)");
    holds = holds && (!spec.min || *number >= *spec.min) && (!spec.max || *number <= *spec.max);
  }
  return holds ? Outcome::pass(expected, actual) : Outcome::fail(expected, actual);
}

}  // namespace hallmark::probes
