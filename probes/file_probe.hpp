#pragma once

#include "contracts/clause_specs.hpp"
#include "probes/fact_request.hpp"
#include "probes/facts.hpp"
#include "probes/outcome.hpp"

namespace hallmark::probes {

// [[file]]: needs the path's metadata (and content when `contains` is given); every
// mismatch (type, mode, owner, group, missing text) is listed in the outcome.
void plan(const contracts::FileSpec& spec, FactRequest& request);
Outcome evaluate(const contracts::FileSpec& spec, const Facts& facts);

}  // namespace hallmark::probes
