#pragma once

#include <ostream>
#include <vector>

#include "probes/baseline_diff.hpp"
#include "probes/snapshot.hpp"

namespace hallmark::reports {

// Writes the human-readable offline diff of snapshot `a` to snapshot `b`: where each was taken,
// then the findings grouped by kind, each as "- what a had" and "+ what b has", then the counts.
void print_diff(std::ostream& out, const probes::Snapshot& a, const probes::Snapshot& b,
                const std::vector<probes::BaselineFinding>& findings);

}  // namespace hallmark::reports
