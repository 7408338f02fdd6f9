#pragma once

#include "contracts/clause_specs.hpp"
#include "probes/fact_request.hpp"
#include "probes/facts.hpp"
#include "probes/outcome.hpp"

namespace hallmark::probes {

// [[kernel]]: needs kernel.osrelease and /proc/cmdline. The release is ordered segment by
// segment like rpm's rpmvercmp ("6.1.0-13-amd64" < "6.1.0-21-amd64").
void plan(const contracts::KernelSpec& spec, FactRequest& request);
Outcome evaluate(const contracts::KernelSpec& spec, const Facts& facts);

}  // namespace hallmark::probes
