#pragma once

#include <string>
#include <vector>

#include "contracts/contract.hpp"

namespace hallmark::contracts {

// Which clauses a run checks: --only TAG, --skip TAG, --clause ID (each repeatable).
struct ClauseSelection {
  std::vector<std::string> only_tags;   // keep clauses with any of these tags
  std::vector<std::string> skip_tags;   // drop clauses with any of these tags
  std::vector<std::string> clause_ids;  // keep exactly these clauses

  // "--only security --skip slow", for the report's provenance.
  std::string describe() const;
  bool selects(const Clause& clause) const;
};

// Every --clause id must name a clause of one of the contracts; returns the unknown ones.
std::vector<std::string> unknown_clause_ids(const ClauseSelection& selection,
                                            const std::vector<Contract>& contracts);

}  // namespace hallmark::contracts
