#pragma once

#include <string>

#include "reports/run_result.hpp"

namespace hallmark::reports {

// The full result model as JSON (format documented in docs/reports.md, "format": 1).
std::string render_json(const RunResult& run);

}  // namespace hallmark::reports
