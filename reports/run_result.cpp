#include "reports/run_result.hpp"

namespace hallmark::reports {

bool ClauseResult::blocks() const {
  return outcome.verdict == probes::Verdict::fail && clause.severity == contracts::Severity::blocking;
}

Counts count(const SuiteResult& suite) {
  Counts counts;
  for (const ClauseResult& result : suite.clauses) {
    ++counts.total;
    switch (result.outcome.verdict) {
      case probes::Verdict::pass: ++counts.passed; break;
      case probes::Verdict::fail: ++counts.failed; break;
      case probes::Verdict::error: ++counts.errors; break;
      case probes::Verdict::skipped: ++counts.skipped; break;
    }
    if (result.blocks()) ++counts.blocking_failures;
  }
  return counts;
}

Counts count(const RunResult& run) {
  Counts total;
  for (const SuiteResult& suite : run.suites) {
    const Counts counts = count(suite);
    total.total += counts.total;
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.errors += counts.errors;
    total.skipped += counts.skipped;
    total.blocking_failures += counts.blocking_failures;
  }
  return total;
}

}  // namespace hallmark::reports
