#pragma once

#include <span>

#include "contracts/contract.hpp"
#include "probes/fact_request.hpp"
#include "probes/facts.hpp"
#include "probes/outcome.hpp"

namespace hallmark::probes {

// The facts all `clauses` need, each asked for once.
FactRequest plan_facts(std::span<const contracts::Clause* const> clauses);

// Judges one clause on gathered facts. Pure: never touches a target.
Outcome evaluate_clause(const contracts::Clause& clause, const Facts& facts);

}  // namespace hallmark::probes
