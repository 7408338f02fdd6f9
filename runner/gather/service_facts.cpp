#include "probes/parsers/unit_state.hpp"
#include "runner/gather/script_runner.hpp"
#include "runner/gather/embedded_scripts.hpp"
#include "runner/gather/gatherers.hpp"

namespace hallmark::runner::gather {

void services(transports::Transport& transport, const std::set<std::string>& units, milliseconds timeout, probes::Facts& facts) {
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
      current->state = probes::parsers::unit_state({openrc, masked, current->unit_file, content, record.value});
    } else if (record.field == "active") {
      current->active = record.value;
    }
  }
}

}  // namespace hallmark::runner::gather
