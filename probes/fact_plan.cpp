#include "probes/fact_plan.hpp"

#include <algorithm>

#include "probes/baseline_diff.hpp"
#include "probes/parsers/os_release.hpp"
#include "probes/probe_registry.hpp"

namespace hallmark::probes {

namespace {

void pin_package_manager(const contracts::Contract& contract, FactRequest& request) {
  if (contract.package_manager) request.package_manager = version_scheme_from_string(*contract.package_manager);
}

}  // namespace

FactRequest plan_run(const std::vector<contracts::Contract>& contracts, const contracts::ClauseSelection& selection,
                     const Snapshot* baseline) {
  std::vector<const contracts::Clause*> clauses;
  for (const contracts::Contract& contract : contracts) {
    for (const contracts::Clause& clause : contract.clauses) {
      if (selection.selects(clause)) clauses.push_back(&clause);
    }
  }
  FactRequest request = plan_facts(clauses);
  for (const contracts::Contract& contract : contracts) {
    pin_package_manager(contract, request);
    if (baseline) plan(contract.baseline.value_or(contracts::BaselineSpec{}), *baseline, request);
  }
  return request;
}

FactRequest plan_snapshot(const contracts::Contract* contract, const std::vector<std::string>& library_dirs) {
  FactRequest request;
  request.packages = true;
  request.sockets = true;
  for (std::string_view path : parsers::k_os_release_paths) request.files[std::string(path)] = true;
  request.binary_dirs.insert(library_dirs.begin(), library_dirs.end());
  if (!contract) return request;
  pin_package_manager(*contract, request);
  for (const contracts::Clause& clause : contract->clauses) {
    if (const auto* sysctl = std::get_if<contracts::SysctlSpec>(&clause.spec)) request.sysctls.insert(sysctl->key);
    if (const auto* symbols = std::get_if<contracts::SymbolsSpec>(&clause.spec); symbols && symbols->library) {
      request.libraries.insert(*symbols->library);
    }
  }
  if (contract->baseline) {
    if (const auto& keys = contract->baseline->sysctl.keys) request.sysctls.insert(keys->begin(), keys->end());
    if (const auto& libraries = contract->baseline->symbols.libraries) {
      request.libraries.insert(libraries->begin(), libraries->end());
    }
  }
  return request;
}

std::size_t selected_clause_count(const std::vector<contracts::Contract>& contracts,
                                  const contracts::ClauseSelection& selection) {
  std::size_t count = 0;
  for (const contracts::Contract& contract : contracts) {
    count += std::ranges::count_if(contract.clauses, [&](const contracts::Clause& clause) { return selection.selects(clause); });
  }
  return count;
}

}  // namespace hallmark::probes
