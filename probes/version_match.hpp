#pragma once

#include <string_view>

#include "contracts/version_constraint.hpp"
#include "probes/version_scheme.hpp"

namespace hallmark::probes {

// True when the installed version passes every comparison of the constraint, each ordered with
// compare_versions(scheme, installed, comparison.version). Never fails; an empty constraint holds.
bool satisfies(const contracts::VersionConstraint& constraint, std::string_view installed,
               VersionScheme scheme);

}  // namespace hallmark::probes
