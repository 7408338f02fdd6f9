#pragma once

#include "contracts/clause_specs.hpp"
#include "probes/fact_request.hpp"
#include "probes/facts.hpp"
#include "probes/outcome.hpp"

namespace hallmark::probes {

// [[port]]: needs the socket table. A socket bound to the wildcard address of its family
// ("0.0.0.0", or "::" which also accepts IPv4) serves every address of it.
void plan(const contracts::PortSpec& spec, FactRequest& request);
Outcome evaluate(const contracts::PortSpec& spec, const Facts& facts);

}  // namespace hallmark::probes
