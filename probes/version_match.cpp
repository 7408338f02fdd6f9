#include "probes/version_match.hpp"

#include <algorithm>
#include <utility>

namespace hallmark::probes {

namespace {

bool holds(contracts::CompareOp op, int order) {
  switch (op) {
    case contracts::CompareOp::eq: return order == 0;
    case contracts::CompareOp::ne: return order != 0;
    case contracts::CompareOp::lt: return order < 0;
    case contracts::CompareOp::le: return order <= 0;
    case contracts::CompareOp::gt: return order > 0;
    case contracts::CompareOp::ge: return order >= 0;
  }
  std::unreachable();
}

}  // namespace

bool satisfies(const contracts::VersionConstraint& constraint, std::string_view installed, VersionOrder order) {
  return std::ranges::all_of(constraint.all_of, [&](const contracts::Comparison& comparison) {
    return holds(comparison.op, order(installed, comparison.version));
  });
}

bool satisfies(const contracts::VersionConstraint& constraint, std::string_view installed,
               VersionScheme scheme) {
  return satisfies(constraint, installed, [scheme](std::string_view a, std::string_view b) {
    return compare_versions(scheme, a, b);
  });
}

}  // namespace hallmark::probes
