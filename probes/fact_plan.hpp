#pragma once

#include <string>
#include <vector>

#include "contracts/clause_selection.hpp"
#include "contracts/contract.hpp"
#include "probes/fact_request.hpp"
#include "probes/snapshot.hpp"

namespace hallmark::probes {

// The facts a run needs: those of every selected clause of every contract, the package
// database a contract pins, and what the baseline snapshot's comparison reads.
FactRequest plan_run(const std::vector<contracts::Contract>& contracts, const contracts::ClauseSelection& selection,
                     const Snapshot* baseline);

// What a snapshot keeps: the whole package database and socket table, os-release, and the
// sysctls and libraries the contract (clauses and [baseline]) names, plus every shared library
// directly in `library_dirs`.
FactRequest plan_snapshot(const contracts::Contract* contract, const std::vector<std::string>& library_dirs);

// How many clauses of `contracts` the selection keeps.
std::size_t selected_clause_count(const std::vector<contracts::Contract>& contracts,
                                  const contracts::ClauseSelection& selection);

}  // namespace hallmark::probes
