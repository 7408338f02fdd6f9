#include "reports/console_summary.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "reports/terminal_text.hpp"

namespace hallmark::reports {

namespace {

// Lower ranks print first: what blocks the gate, then what could not be judged, then the rest.
int rank(const probes::ClauseResult& result) {
  if (result.blocks()) return 0;
  if (result.outcome.verdict == probes::Verdict::error) return 1;
  if (result.outcome.verdict == probes::Verdict::fail) return 2;
  return 3;
}

std::string_view label(const probes::ClauseResult& result) {
  if (result.blocks()) return "FAIL ";
  switch (result.outcome.verdict) {
    case probes::Verdict::error: return "ERROR";
    case probes::Verdict::fail: return "WARN ";
    case probes::Verdict::skipped: return "SKIP ";
    case probes::Verdict::pass: break;
  }
  return "PASS ";
}

}  // namespace

void print_summary(std::ostream& out, const RunResult& run) {
  for (const SuiteResult& suite : run.suites) {
    // Target text (ids derived from package names, expected and actual values, target trouble) and
    // contract text alike pass through terminal_safe: one line each, no escape sequences.
    fmt::print(out, "\n{} {} on {}\n", terminal_safe(suite.contract_name), terminal_safe(suite.contract_version),
               terminal_safe(suite.provenance.target));
    if (suite.target_problem) {
      fmt::print(out, "  target trouble: {}\n", terminal_safe(suite.target_problem->substr(0, 2000)));
    }
    std::vector<const probes::ClauseResult*> shown;
    for (const probes::ClauseResult& result : suite.clauses) {
      if (result.outcome.verdict != probes::Verdict::pass) shown.push_back(&result);
    }
    std::stable_sort(shown.begin(), shown.end(),
                     [](const probes::ClauseResult* a, const probes::ClauseResult* b) { return rank(*a) < rank(*b); });
    for (const probes::ClauseResult* result : shown) {
      std::string where = result->clause.place.str();
      if (result->clause.bug) where += ", " + *result->clause.bug;
      fmt::print(out, "  {} {}  ({})\n        expected: {}\n        actual:   {}\n", label(*result),
                 terminal_safe(result->clause.id), terminal_safe(where), terminal_safe(result->outcome.expected),
                 terminal_safe(result->outcome.actual));
    }
    const probes::Counts counts = count(suite);
    fmt::print(out, "  {} clauses: {} passed, {} failed, {} errors, {} skipped in {:.2f} s\n", counts.total,
               counts.passed, counts.failed, counts.errors, counts.skipped, suite.seconds);
  }
  const probes::Counts counts = count(run);
  fmt::print(out, "\nhallmark: {} clauses, {} passed, {} blocking failures, {} errors in {:.2f} s\n",
             counts.total, counts.passed, counts.blocking_failures, counts.errors, run.seconds);
}

}  // namespace hallmark::reports
