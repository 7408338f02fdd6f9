#include "probes/probe_registry.hpp"

#include <variant>

#include "probes/account_probes.hpp"
#include "probes/command_probe.hpp"
#include "probes/file_probe.hpp"
#include "probes/kernel_probe.hpp"
#include "probes/os_probe.hpp"
#include "probes/package_probe.hpp"
#include "probes/port_probe.hpp"
#include "probes/service_probe.hpp"
#include "probes/symbols_probe.hpp"
#include "probes/sysctl_probe.hpp"

namespace hallmark::probes {

// Each probe kind provides plan(Spec, FactRequest&) and evaluate(Spec, Facts) overloads; the
// variant visit below is the registry, checked by the compiler for every kind.

FactRequest plan_facts(std::span<const contracts::Clause* const> clauses) {
  FactRequest request;
  for (const contracts::Clause* clause : clauses) {
    std::visit([&](const auto& spec) { plan(spec, request); }, clause->spec);
  }
  return request;
}

Outcome evaluate_clause(const contracts::Clause& clause, const Facts& facts) {
  return std::visit([&](const auto& spec) { return evaluate(spec, facts); }, clause.spec);
}

}  // namespace hallmark::probes
