#pragma once

#include "contracts/clause_specs.hpp"
#include "probes/fact_request.hpp"
#include "probes/facts.hpp"
#include "probes/outcome.hpp"

namespace hallmark::probes {

// [[user]] and [[group]]: need /etc/passwd and /etc/group; membership counts both a group's
// member list and a user's primary group.
void plan(const contracts::UserSpec& spec, FactRequest& request);
Outcome evaluate(const contracts::UserSpec& spec, const Facts& facts);
void plan(const contracts::GroupSpec& spec, FactRequest& request);
Outcome evaluate(const contracts::GroupSpec& spec, const Facts& facts);

}  // namespace hallmark::probes
