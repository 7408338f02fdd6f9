#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "contracts/clause_selection.hpp"
#include "runner/gather/fact_gatherer.hpp"
#include "runner/targets/target_spec.hpp"

namespace hallmark::runner::commands {

// How many targets a run checks at once unless told: booting and gathering mostly wait on the
// engine and the target, so twice the cores, at least 2 and at most 8.
std::size_t default_parallel_targets();

// Everything `hallmark run` was asked to do.
struct RunOptions {
  std::vector<std::string> contract_files;
  std::vector<std::string> targets;  // --target, each "KIND:REF"
  std::vector<std::string> labels;   // --label, the short name of the target at the same position
  std::optional<std::string> junit_path;
  std::optional<std::string> json_path;
  targets::TargetOptions target_options;
  std::chrono::milliseconds fact_timeout{std::chrono::minutes{5}};
  contracts::ClauseSelection selection;
  bool strict_lifecycle = false;  // a contract past its support_until blocks instead of warning
  bool live_progress = false;     // live progress rows (stdout is a terminal)
  std::size_t parallel = default_parallel_targets();  // --parallel: targets checked at once
  std::size_t command_jobs = gather::k_default_command_jobs;  // --command-jobs: commands at once per target
  std::optional<std::string> baseline_path;  // --baseline: a snapshot the candidate must keep the promises of
  std::optional<std::string> attestation_path;  // --attestation: an in-toto test-result statement to write
  std::optional<std::string> signing_key_path;  // --signing-key: Ed25519 PEM; the statement goes in a DSSE envelope
};

// Boots or attaches to a target: targets::open_target, or a stand-in in unit tests.
using TargetOpener = std::function<targets::OpenResult(const targets::TargetSpec&, const targets::TargetOptions&)>;

// Loads the contracts, boots or attaches to each target, gathers facts, has the judge decide
// every clause, tears the target down and writes the reports. Returns the exit code (see
// probes/gate.hpp). Progress and the summary go to `out`, problems to `err`.
int run_contracts(const RunOptions& options, std::ostream& out, std::ostream& err,
                  const TargetOpener& open = targets::open_target);

}  // namespace hallmark::runner::commands
