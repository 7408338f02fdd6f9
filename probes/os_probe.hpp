#pragma once

#include "contracts/clause_specs.hpp"
#include "probes/fact_request.hpp"
#include "probes/facts.hpp"
#include "probes/outcome.hpp"

namespace hallmark::probes {

// [[os]]: needs /etc/os-release (or /usr/lib/os-release); VERSION_ID is ordered like a dpkg
// version, which orders dotted numbers ("9.3" < "9.10") as expected.
void plan(const contracts::OsSpec& spec, FactRequest& request);
Outcome evaluate(const contracts::OsSpec& spec, const Facts& facts);

}  // namespace hallmark::probes
