#pragma once

#include "contracts/clause_specs.hpp"
#include "probes/fact_request.hpp"
#include "probes/facts.hpp"
#include "probes/outcome.hpp"

namespace hallmark::probes {

// [[service]]: needs the unit's files and links (systemd units, or OpenRC init scripts and
// runlevels). `active` can only be judged where systemd runs; elsewhere the clause is an
// error that says so.
void plan(const contracts::ServiceSpec& spec, FactRequest& request);
Outcome evaluate(const contracts::ServiceSpec& spec, const Facts& facts);

}  // namespace hallmark::probes
