#pragma once

#include <optional>
#include <string>
#include <vector>

#include "contracts/contract.hpp"
#include "probes/clause_result.hpp"
#include "probes/provenance.hpp"

namespace hallmark::reports {

// One contract checked against one target: a JUnit testsuite.
struct SuiteResult {
  std::string contract_name;
  std::string contract_version;
  std::string contract_file;
  std::string contract_sha256;
  probes::Provenance provenance;  // of the target
  std::string target_label;       // the target's name in reports: --label, or the --target text
  std::string timestamp;  // ISO 8601 UTC start time
  double seconds = 0;
  std::vector<probes::ClauseResult> clauses;
  // Why the target failed (did not boot, died mid-run), with its log where there is one.
  std::optional<std::string> target_problem;
  std::vector<contracts::IncludedFile> includes;
  std::string selection;  // how clauses were selected ("--only security"), "" when all ran
};

// Everything one `hallmark run` found.
struct RunResult {
  std::string hallmark_version = HALLMARK_VERSION;
  std::vector<SuiteResult> suites;
  double seconds = 0;
};

// Per-verdict counts over a suite or a run.
probes::Counts count(const SuiteResult& suite);
probes::Counts count(const RunResult& run);

}  // namespace hallmark::reports
