#pragma once

#include <expected>
#include <string>

#include "reports/run_result.hpp"

namespace hallmark::reports {

// Renders a run as JUnit XML for Jenkins: one <testsuite> per contract and target,
// classname "<contract>.<kind>", name = clause id, <failure> with expected vs actual,
// <error> for clauses that could not be judged, provenance in <properties>.
std::string render_junit(const RunResult& run);

// Writes render_junit(run) to `path` atomically (a temporary file renamed into place),
// so a reader never sees half a report. Fails with the reason.
std::expected<void, std::string> write_junit(const RunResult& run, const std::string& path);

}  // namespace hallmark::reports
