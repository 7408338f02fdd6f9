#pragma once

#include <string>

#include "reports/run_result.hpp"

namespace hallmark::reports {

// Renders a run as JUnit XML for Jenkins: one <testsuite> per contract and target,
// classname "<contract>.<kind>", name = clause id, <failure> with expected vs actual,
// <error> for clauses that could not be judged, provenance in <properties>.
std::string render_junit(const RunResult& run);

}  // namespace hallmark::reports
