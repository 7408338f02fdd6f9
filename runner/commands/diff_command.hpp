#pragma once

#include <ostream>
#include <string>

namespace hallmark::runner::commands {

// `hallmark diff A B`: prints every difference from snapshot A to snapshot B. Returns 0 when
// there is none, 1 when there are differences, 2 when a snapshot cannot be read.
int diff_snapshot_files(const std::string& a, const std::string& b, std::ostream& out, std::ostream& err);

}  // namespace hallmark::runner::commands
