#pragma once

#include <ostream>

#include "reports/run_result.hpp"

namespace hallmark::reports {

// Writes the human summary of a run, as read in a Jenkins log: per suite, one line per clause
// that did not pass (blocking failures first, then errors, then warnings), then the counts.
void print_summary(std::ostream& out, const RunResult& run);

}  // namespace hallmark::reports
