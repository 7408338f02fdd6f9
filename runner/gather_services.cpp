#include <sstream>

#include "runner/gather_script.hpp"
#include "runner/gather_scripts.hpp"
#include "runner/gatherers.hpp"

namespace hallmark::runner::gatherers {

namespace {

// A unit with an [Install] section can be enabled; without one it is static.
bool has_install_section(const std::string& unit_file) {
  std::istringstream lines(unit_file);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("[Install]")) return true;
  }
  return false;
}

// What `systemctl is-enabled` would say, from the files alone. An OpenRC script is enabled
// when a runlevel links to it, and disabled otherwise.
contracts::UnitState state_of(bool openrc, bool masked, const std::string& file, const std::string& content,
                              const std::string& links) {
  if (masked) return contracts::UnitState::masked;
  if (file.empty()) return contracts::UnitState::not_found;
  if (links.find_first_not_of(' ') != std::string::npos) return contracts::UnitState::enabled;
  return openrc || has_install_section(content) ? contracts::UnitState::disabled : contracts::UnitState::static_unit;
}

}  // namespace

void services(Transport& transport, const std::set<std::string>& units, milliseconds timeout, probes::Facts& facts) {
  const std::vector<std::string> args(units.begin(), units.end());
  for (const std::string& unit : units) facts.services[unit] = std::unexpected("the target did not report on this unit");
  const auto records = run_keyed_script(transport, scripts::k_services, args, timeout, facts.services);
  if (!records) return;
  // Records come per unit in a fixed order; a unit is complete at its "links" record.
  std::string unit, content;
  bool masked = false;
  bool openrc = false;
  probes::UnitFacts* current = nullptr;
  for (const Record& record : *records) {
    if (record.field == "unit") {
      unit = record.value;
      auto& fact = facts.services[unit];
      fact = probes::UnitFacts{};
      current = &*fact;
      content.clear();
    } else if (!current) {
      continue;
    } else if (record.field == "manager") {
      openrc = record.value == "openrc";
    } else if (record.field == "masked") {
      masked = record.value == "1";
    } else if (record.field == "file") {
      current->unit_file = record.value;
    } else if (record.field == "content") {
      content = record.value;
    } else if (record.field == "links") {
      current->state = state_of(openrc, masked, current->unit_file, content, record.value);
    } else if (record.field == "active") {
      current->active = record.value;
    }
  }
}

}  // namespace hallmark::runner::gatherers
