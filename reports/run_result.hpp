#pragma once

#include <optional>
#include <string>
#include <vector>

#include "contracts/contract.hpp"
#include "probes/outcome.hpp"

namespace hallmark::reports {

// One clause and its outcome on one target.
struct ClauseResult {
  contracts::Clause clause;
  probes::Outcome outcome;
  std::optional<contracts::Waiver> waiver;  // the waiver that names this clause, active or expired

  // True when this outcome fails the gate: a failed blocking clause.
  bool blocks() const;
};

// What is known about the target a suite ran against, for provenance.
struct TargetInfo {
  std::string spec;      // as given on the command line, e.g. "docker-image:candidate:latest"
  std::string image;     // image reference, when there is one
  std::string image_id;  // content id, e.g. "sha256:..."
  std::vector<std::string> image_digests;  // repository digests, where the image has any
  std::string hostname;  // of the machine that ran hallmark
  std::string host_key;  // a booted VM's SSH host key, as accepted for the run ("ED25519 key SHA256:...")
};

// One contract checked against one target: a JUnit testsuite.
struct SuiteResult {
  std::string contract_name;
  std::string contract_version;
  std::string contract_file;
  std::string contract_sha256;
  TargetInfo target;
  std::string timestamp;  // ISO 8601 UTC start time
  double seconds = 0;
  std::vector<ClauseResult> clauses;
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
struct Counts {
  int total = 0, passed = 0, failed = 0, errors = 0, skipped = 0, blocking_failures = 0;
};
Counts count(const SuiteResult& suite);
Counts count(const RunResult& run);

}  // namespace hallmark::reports
