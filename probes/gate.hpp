#pragma once

#include "probes/clause_result.hpp"

namespace hallmark::probes {

// What a promotion gate reads from hallmark's exit status.
inline constexpr int k_exit_ok = 0;        // every blocking clause holds
inline constexpr int k_exit_violated = 1;  // a blocking clause is violated
inline constexpr int k_exit_usage = 2;     // the contract or the command line is invalid
inline constexpr int k_exit_target = 3;    // the target could not be booted, reached or kept alive

// The gate's verdict on a whole run: 1 when a blocking clause failed (a verdict on the image
// wins over trouble elsewhere), otherwise 3 when any clause could not be judged or a target had
// trouble, otherwise 0.
int gate_exit_code(const Counts& counts, bool target_trouble);

}  // namespace hallmark::probes
