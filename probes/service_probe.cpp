#include "probes/service_probe.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace hallmark::probes {

void plan(const contracts::ServiceSpec& spec, FactRequest& request) { request.services.insert(spec.name); }

Outcome evaluate(const contracts::ServiceSpec& spec, const Facts& facts) {
  std::vector<std::string> parts;
  if (spec.state) parts.push_back(std::string(to_string(*spec.state)));
  if (spec.active) parts.push_back(*spec.active ? "active" : "inactive");
  const std::string expected = fmt::format("{} {}", spec.name, fmt::join(parts, ", "));
  const auto found = facts.services.find(spec.name);
  if (found == facts.services.end()) return Outcome::error(expected, "service facts were not gathered");
  if (!found->second) return Outcome::error(expected, found->second.error());
  const UnitFacts& unit = *found->second;

  std::string actual = fmt::format("{} {}", spec.name, to_string(unit.state));
  if (!unit.unit_file.empty()) actual += fmt::format(" ({})", unit.unit_file);
  if (unit.active) actual += fmt::format(", {}", *unit.active);
  bool holds = !spec.state || *spec.state == unit.state;
  if (spec.active) {
    if (!unit.active) {
      return Outcome::error(expected, fmt::format("{}; systemd is not running on the target, so its active state is unknown", actual),
                            ErrorKind::deterministic);
    }
    holds = holds && (*unit.active == "active") == *spec.active;
  }
  return holds ? Outcome::pass(expected, actual) : Outcome::fail(expected, actual);
}

}  // namespace hallmark::probes
