#include "runner/commands/partial_run.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "util/host_name.hpp"

namespace hallmark::runner::commands {

std::string utc_timestamp() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

std::vector<reports::SuiteResult> judge_suites(const RunTarget& target, const probes::Provenance& provenance,
                                               const std::vector<contracts::Contract>& contracts, const probes::Facts& facts,
                                               const probes::JudgeContext& context, const std::string& selection,
                                               const std::string& timestamp) {
  std::vector<reports::SuiteResult> suites;
  for (const contracts::Contract& contract : contracts) {
    reports::SuiteResult suite;
    suite.contract_name = contract.name;
    suite.contract_version = contract.version;
    suite.contract_file = contract.file;
    suite.contract_sha256 = contract.sha256;
    suite.includes = contract.includes;
    suite.provenance = provenance;
    suite.target_label = target.label;
    suite.timestamp = timestamp;
    suite.selection = selection;
    if (context.unreachable) suite.target_problem = context.unreachable->why;
    suite.clauses = probes::judge_contract(contract, facts, context);
    suites.push_back(std::move(suite));
  }
  return suites;
}

PartialRun::PartialRun(const std::vector<contracts::Contract>& contracts, std::vector<RunTarget> targets, probes::JudgeContext context,
                       std::string selection)
    : contracts_(contracts),
      targets_(std::move(targets)),
      context_(std::move(context)),
      selection_(std::move(selection)),
      per_target_(targets_.size()) {}

void PartialRun::add(std::size_t index, std::vector<reports::SuiteResult> suites) {
  const std::lock_guard lock(mutex_);
  per_target_.at(index) = std::move(suites);
}

bool PartialRun::finish(const std::optional<probes::FactError>& why, const std::function<void(reports::RunResult&)>& report) {
  const std::lock_guard lock(mutex_);
  if (finished_) return false;
  finished_ = true;
  probes::JudgeContext context = context_;
  context.unreachable = why;
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    if (per_target_[i]) {
      std::ranges::move(*per_target_[i], std::back_inserter(run_.suites));
    } else if (why) {
      probes::Provenance provenance;
      provenance.target = targets_[i].spec;
      provenance.hostname = util::host_name();
      std::ranges::move(judge_suites(targets_[i], provenance, contracts_, {}, context, selection_, utc_timestamp()),
                        std::back_inserter(run_.suites));
    }
  }
  report(run_);
  return true;
}

}  // namespace hallmark::runner::commands
