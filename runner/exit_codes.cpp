#include "runner/exit_codes.hpp"

namespace hallmark::runner {

int exit_code_for(const reports::RunResult& run) {
  const reports::Counts counts = reports::count(run);
  if (counts.blocking_failures > 0) return k_exit_violated;
  bool trouble = counts.errors > 0;
  for (const reports::SuiteResult& suite : run.suites) trouble = trouble || suite.target_problem.has_value();
  return trouble ? k_exit_target : k_exit_ok;
}

}  // namespace hallmark::runner
