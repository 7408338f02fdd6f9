#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "contracts/contract.hpp"
#include "probes/fact_error.hpp"
#include "probes/judge.hpp"
#include "reports/run_result.hpp"

namespace hallmark::runner::commands {

// One target of a run: what it was asked for and how reports name it.
struct RunTarget {
  std::string spec;   // the --target text
  std::string label;  // --label, or the --target text
};

// Now, to the second, as reports stamp a suite's start: "2026-11-24T12:00:00" (UTC).
std::string utc_timestamp();

// The suites of every contract on one target, judged on `facts` (empty facts and an
// `unreachable` context when the target was never read).
std::vector<reports::SuiteResult> judge_suites(const RunTarget& target, const probes::Provenance& provenance,
                                               const std::vector<contracts::Contract>& contracts, const probes::Facts& facts,
                                               const probes::JudgeContext& context, const std::string& selection,
                                               const std::string& timestamp);

// The run as far as it got, shared by the run and the signal thread, so that whatever ends the
// run after its contracts loaded (a signal, an exception) still leaves the whole report: the
// targets judged so far, and every clause of the others an error saying why.
class PartialRun {
 public:
  PartialRun(const std::vector<contracts::Contract>& contracts, std::vector<RunTarget> targets, probes::JudgeContext context,
             std::string selection);

  // Adds the judged suites of target `index` (in --target order), from whichever thread checked it.
  void add(std::size_t index, std::vector<reports::SuiteResult> suites);
  // Completes the run, every target not yet added judged as unreachable for `why` (when given),
  // and hands it to `report` (print and write it) under the lock, so a signal that arrives
  // meanwhile waits for the reports instead of ending the process under them. Only the first
  // call reports; a later one returns false.
  bool finish(const std::optional<probes::FactError>& why, const std::function<void(reports::RunResult&)>& report);

 private:
  std::mutex mutex_;
  const std::vector<contracts::Contract>& contracts_;
  std::vector<RunTarget> targets_;
  probes::JudgeContext context_;
  std::string selection_;
  std::vector<std::optional<std::vector<reports::SuiteResult>>> per_target_;  // by --target index
  reports::RunResult run_;
  bool finished_ = false;
};

}  // namespace hallmark::runner::commands
