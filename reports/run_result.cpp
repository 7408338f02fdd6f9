#include "reports/run_result.hpp"

namespace hallmark::reports {

probes::Counts count(const SuiteResult& suite) { return probes::count(suite.clauses); }

probes::Counts count(const RunResult& run) {
  probes::Counts total;
  for (const SuiteResult& suite : run.suites) total += count(suite);
  return total;
}

}  // namespace hallmark::reports
