#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "contracts/clause_selection.hpp"
#include "contracts/contract.hpp"
#include "probes/clause_result.hpp"
#include "probes/facts.hpp"
#include "probes/snapshot.hpp"

namespace hallmark::probes {

// Everything besides the facts that a contract's verdicts depend on.
struct JudgeContext {
  const contracts::ClauseSelection* selection = nullptr;  // every clause when null
  const Snapshot* baseline = nullptr;                      // --baseline, when given
  // Why the target could not be read at all (or the run was cut short): every clause is then an
  // error saying so, of that error's kind.
  std::optional<FactError> unreachable;
  bool strict_lifecycle = false;  // a contract past its support_until blocks instead of warning
  std::chrono::year_month_day today;  // UTC, for waivers and service life
};

// The clause results of one contract on gathered facts: the selected clauses, their waivers,
// one result per difference from the baseline (with a summary result), and the service life.
// Pure: the whole verdict of a run is decided here, never in the runner.
std::vector<ClauseResult> judge_contract(const contracts::Contract& contract, const Facts& facts,
                                         const JudgeContext& context);

}  // namespace hallmark::probes
