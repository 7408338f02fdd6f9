#pragma once

#include "contracts/clause_specs.hpp"
#include "probes/fact_request.hpp"
#include "probes/facts.hpp"
#include "probes/outcome.hpp"

namespace hallmark::probes {

// [[command]]: needs the command's run on the target; holds when the exit code matches and
// every expected text appears in its stream. The output is kept as evidence on failure.
void plan(const contracts::CommandSpec& spec, FactRequest& request);
Outcome evaluate(const contracts::CommandSpec& spec, const Facts& facts);

}  // namespace hallmark::probes
