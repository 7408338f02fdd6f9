#pragma once

#include <string>
#include <vector>

#include "contracts/contract.hpp"

namespace hallmark::runner {

// Which clauses a run checks: --only TAG, --skip TAG, --clause ID (each repeatable).
struct ClauseSelection {
  std::vector<std::string> only_tags;   // keep clauses with any of these tags
  std::vector<std::string> skip_tags;   // drop clauses with any of these tags
  std::vector<std::string> clause_ids;  // keep exactly these clauses

  bool selects_all() const { return only_tags.empty() && skip_tags.empty() && clause_ids.empty(); }
  // "--only security --skip slow", for the report's provenance.
  std::string describe() const;
  bool selects(const contracts::Clause& clause) const;
};

// Every --clause id must name a clause of one of the contracts; returns the unknown ones.
std::vector<std::string> unknown_clause_ids(const ClauseSelection& selection,
                                            const std::vector<contracts::Contract>& contracts);

}  // namespace hallmark::runner
