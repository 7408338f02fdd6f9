#pragma once

#include <ostream>
#include <vector>

#include "probes/baseline_diff.hpp"
#include "probes/snapshot.hpp"

namespace hallmark::reports {

// Writes release notes (CommonMark with GFM tables) for going from snapshot `a` to snapshot `b`:
// both images and their os-release version, then packages added, upgraded, downgraded and
// removed (with both versions), ABI changes per library, ports, kernel parameters, and what
// could not be compared. Everything comes from `findings` (diff_snapshots) in their order, so
// two runs over the same snapshots write the same bytes. docs/release-notes.md.
void print_release_notes(std::ostream& out, const probes::Snapshot& a, const probes::Snapshot& b,
                         const std::vector<probes::BaselineFinding>& findings);

}  // namespace hallmark::reports
