#pragma once

#include "contracts/clause_specs.hpp"
#include "probes/fact_request.hpp"
#include "probes/facts.hpp"
#include "probes/outcome.hpp"

namespace hallmark::probes {

// [[package]]: needs the package database; holds when an installed version satisfies the
// constraint (any of several installed versions will do), or when the package is absent as asked.
void plan(const contracts::PackageSpec& spec, FactRequest& request);
Outcome evaluate(const contracts::PackageSpec& spec, const Facts& facts);

}  // namespace hallmark::probes
