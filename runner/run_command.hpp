#pragma once

#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "runner/clause_selection.hpp"
#include "runner/target_spec.hpp"

namespace hallmark::runner {

// Everything `hallmark run` was asked to do.
struct RunOptions {
  std::vector<std::string> contract_files;
  std::vector<std::string> targets;  // --target, each "KIND:REF"
  std::optional<std::string> junit_path;
  std::optional<std::string> json_path;
  TargetOptions target_options;
  std::chrono::milliseconds fact_timeout{std::chrono::minutes{5}};
  ClauseSelection selection;
  bool strict_lifecycle = false;  // a contract past its support_until blocks instead of warning
  bool live_progress = false;     // a live progress line (stdout is a terminal)
  std::optional<std::string> baseline_path;  // --baseline: a snapshot the candidate must keep the promises of
};

// Loads the contracts, boots or attaches to each target, gathers facts, judges every clause,
// tears the target down and writes the reports. Returns the exit code (see exit_codes.hpp).
// Progress and the summary go to `out`, problems to `err`.
int run_contracts(const RunOptions& options, std::ostream& out, std::ostream& err);

// `hallmark check`: loads and validates contracts without any target, and lists contracts
// and waivers that end within `expiring_within` days. Returns 0 or 2.
int check_contracts(const std::vector<std::string>& contract_files, std::optional<int> expiring_within_days,
                    std::ostream& out, std::ostream& err);

}  // namespace hallmark::runner
