#pragma once

#include <functional>
#include <string_view>

#include "contracts/version_constraint.hpp"
#include "probes/version_scheme.hpp"

namespace hallmark::probes {

// True when the installed version passes every comparison of the constraint, each ordered with
// compare_versions(scheme, installed, comparison.version). Never fails; an empty constraint holds.
bool satisfies(const contracts::VersionConstraint& constraint, std::string_view installed,
               VersionScheme scheme);

// The same under any ordering of version strings (<0, 0, >0 like strcmp).
using VersionOrder = std::function<int(std::string_view, std::string_view)>;
bool satisfies(const contracts::VersionConstraint& constraint, std::string_view installed, VersionOrder order);

}  // namespace hallmark::probes
