#include "probes/gate.hpp"

namespace hallmark::probes {

int gate_exit_code(const Counts& counts, bool target_trouble) {
  if (counts.blocking_failures > 0) return k_exit_violated;
  if (counts.internal_errors > 0) return k_exit_internal;
  if (counts.deterministic_errors > 0) return k_exit_deterministic;
  return counts.errors > 0 || target_trouble ? k_exit_target : k_exit_ok;
}

}  // namespace hallmark::probes
