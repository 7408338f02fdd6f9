#pragma once

#include "probes/clause_result.hpp"

namespace hallmark::probes {

// What a promotion gate reads from hallmark's exit status (README: "Exit codes").
inline constexpr int k_exit_ok = 0;             // every blocking clause holds
inline constexpr int k_exit_violated = 1;       // a blocking clause is violated
inline constexpr int k_exit_usage = 2;          // the contract or the command line is invalid; nothing ran
inline constexpr int k_exit_target = 3;         // infrastructure: booting, reaching or keeping the target; retry
inline constexpr int k_exit_deterministic = 4;  // a clause could not be judged and a retry will not fix it
inline constexpr int k_exit_internal = 70;      // hallmark itself failed (EX_SOFTWARE); the report holds the error

// The gate's verdict on a whole run. Precedence: a violation found is final (1); then hallmark
// failing (70), since no verdict of that run can be trusted; then an error no retry can fix (4),
// because a retry cannot make that run green; then infrastructure trouble (3), the only code a
// pipeline should retry; otherwise 0. `target_trouble` is infrastructure trouble outside any
// clause (a target that died after its facts were gathered, a report that could not be written).
int gate_exit_code(const Counts& counts, bool target_trouble);

}  // namespace hallmark::probes
