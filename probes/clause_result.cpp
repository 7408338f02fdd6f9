#include "probes/clause_result.hpp"

namespace hallmark::probes {

bool ClauseResult::blocks() const {
  return outcome.verdict == Verdict::fail && clause.severity == contracts::Severity::blocking;
}

Counts& Counts::operator+=(const Counts& other) {
  total += other.total;
  passed += other.passed;
  failed += other.failed;
  errors += other.errors;
  skipped += other.skipped;
  blocking_failures += other.blocking_failures;
  deterministic_errors += other.deterministic_errors;
  internal_errors += other.internal_errors;
  return *this;
}

Counts count(std::span<const ClauseResult> results) {
  Counts counts;
  for (const ClauseResult& result : results) {
    ++counts.total;
    switch (result.outcome.verdict) {
      case Verdict::pass: ++counts.passed; break;
      case Verdict::fail: ++counts.failed; break;
      case Verdict::error: ++counts.errors; break;
      case Verdict::skipped: ++counts.skipped; break;
    }
    if (result.blocks()) ++counts.blocking_failures;
    if (result.outcome.verdict == Verdict::error) {
      counts.deterministic_errors += result.outcome.error_kind == ErrorKind::deterministic;
      counts.internal_errors += result.outcome.error_kind == ErrorKind::internal;
    }
  }
  return counts;
}

}  // namespace hallmark::probes
