#include "probes/parsers/unit_state.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace hallmark::probes::parsers {

namespace {

bool has_install_section(std::string_view unit_file) {
  return std::ranges::any_of(util::split(unit_file, '\n'),
                             [](std::string_view line) { return line.starts_with("[Install]"); });
}

}  // namespace

contracts::UnitState unit_state(const UnitFiles& unit) {
  if (unit.masked) return contracts::UnitState::masked;
  if (unit.unit_file.empty()) return contracts::UnitState::not_found;
  if (unit.links.find_first_not_of(' ') != std::string_view::npos) return contracts::UnitState::enabled;
  return unit.openrc || has_install_section(unit.content) ? contracts::UnitState::disabled
                                                          : contracts::UnitState::static_unit;
}

}  // namespace hallmark::probes::parsers
