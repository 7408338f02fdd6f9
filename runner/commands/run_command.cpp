#include "runner/commands/run_command.hpp"

#include <atomic>
#include <exception>
#include <thread>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include "probes/fact_plan.hpp"
#include "probes/gate.hpp"
#include "probes/judge.hpp"
#include "probes/waiver_gate.hpp"
#include "reports/console_summary.hpp"
#include "reports/json_writer.hpp"
#include "reports/junit_writer.hpp"
#include "runner/commands/load_contracts.hpp"
#include "runner/commands/snapshot_command.hpp"
#include "runner/gather/fact_gatherer.hpp"
#include "runner/progress.hpp"
#include "util/atomic_file.hpp"
#include "util/host_name.hpp"

namespace hallmark::runner::commands {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string utc_timestamp() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

reports::SuiteResult start_suite(const contracts::Contract& contract, probes::Provenance provenance, std::string timestamp) {
  reports::SuiteResult suite;
  suite.contract_name = contract.name;
  suite.contract_version = contract.version;
  suite.contract_file = contract.file;
  suite.contract_sha256 = contract.sha256;
  suite.includes = contract.includes;
  suite.provenance = std::move(provenance);
  suite.timestamp = std::move(timestamp);
  return suite;
}

// Every contract checked against one target; the target is torn down before this returns.
// Progress goes to `row` of `progress`.
std::vector<reports::SuiteResult> run_on_target(const targets::TargetSpec& spec, const std::vector<contracts::Contract>& contracts,
                                                const probes::Snapshot* baseline, const RunOptions& options,
                                                const TargetOpener& open, Progress& progress, std::size_t row) {
  const auto start = Clock::now();
  const std::string timestamp = utc_timestamp();
  progress.step(row, fmt::format("opening {}", spec.text));
  auto target = open(spec, options.target_options);
  probes::Facts facts;
  std::optional<std::string> problem;
  probes::Provenance provenance{.target = spec.text, .hostname = util::host_name()};
  if (!target) {
    problem = target.error();
  } else {
    provenance = (*target)->provenance();
    const probes::FactRequest request = probes::plan_run(contracts, options.selection, baseline);
    progress.step(row, fmt::format("gathering facts for {} clauses over {}", probes::selected_clause_count(contracts, options.selection),
                              (*target)->transport().describe()));
    facts = gather::gather_facts((*target)->transport(), request, options.fact_timeout);
    problem = (*target)->check_alive();
  }

  const probes::JudgeContext context{.selection = &options.selection,
                                     .baseline = baseline,
                                     .unreachable = target ? std::nullopt : problem,
                                     .strict_lifecycle = options.strict_lifecycle,
                                     .today = probes::today_utc()};
  std::vector<reports::SuiteResult> suites;
  for (const contracts::Contract& contract : contracts) {
    reports::SuiteResult suite = start_suite(contract, provenance, timestamp);
    suite.target_problem = problem;
    suite.selection = options.selection.describe();
    suite.clauses = probes::judge_contract(contract, facts, context);
    suites.push_back(std::move(suite));
  }
  if (target) progress.step(row, fmt::format("tearing down {}", spec.text));
  target = std::unexpected("torn down");  // tear down now, before the time is taken
  progress.step(row, "done");
  for (reports::SuiteResult& suite : suites) suite.seconds = seconds_since(start);
  return suites;
}

// Checks every target, up to `options.parallel` at once, each with its own boot and teardown;
// the suites come back in the order of the targets, whichever finished first. An exception on
// a worker is rethrown here once every worker has stopped.
std::vector<reports::SuiteResult> run_on_targets(const std::vector<targets::TargetSpec>& specs,
                                                 const std::vector<contracts::Contract>& contracts, const probes::Snapshot* baseline,
                                                 const RunOptions& options, const TargetOpener& open, std::ostream& out) {
  std::vector<std::string> names;
  for (const targets::TargetSpec& spec : specs) names.push_back(spec.text);
  Progress progress(out, options.live_progress, names);
  std::vector<std::vector<reports::SuiteResult>> per_target(specs.size());
  std::atomic<std::size_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  const auto work = [&] {
    for (std::size_t i = next++; i < specs.size(); i = next++) {
      try {
        per_target[i] = run_on_target(specs[i], contracts, baseline, options, open, progress, i);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  {
    std::vector<std::jthread> workers;
    const std::size_t count = std::clamp<std::size_t>(options.parallel, 1, specs.size());
    for (std::size_t i = 0; i < count; ++i) workers.emplace_back(work);
  }
  progress.finish();
  if (failure) std::rethrow_exception(failure);
  std::vector<reports::SuiteResult> suites;
  for (auto& target_suites : per_target) std::ranges::move(target_suites, std::back_inserter(suites));
  return suites;
}

bool write_reports(const reports::RunResult& run, const RunOptions& options, std::ostream& out, std::ostream& err) {
  bool written = true;
  const auto write = [&](const std::optional<std::string>& path, const std::string& content, std::string_view what) {
    if (!path) return;
    if (auto result = util::write_file_atomically(*path, content); !result) {
      fmt::print(err, "hallmark: error: {}\n", result.error());
      written = false;
    } else {
      fmt::print(out, "hallmark: {} report written to {}\n", what, *path);
    }
  };
  write(options.junit_path, reports::render_junit(run), "JUnit");
  write(options.json_path, reports::render_json(run), "JSON");
  return written;
}

}  // namespace

std::size_t default_parallel_targets() {
  return std::clamp<std::size_t>(2 * std::thread::hardware_concurrency(), 2, 8);
}

int run_contracts(const RunOptions& options, std::ostream& out, std::ostream& err, const TargetOpener& open) {
  const auto start = Clock::now();
  const auto contracts = load_contracts(options.contract_files, err);
  if (!contracts) return probes::k_exit_usage;
  if (const auto unknown = contracts::unknown_clause_ids(options.selection, *contracts); !unknown.empty()) {
    fmt::print(err, "hallmark: error: --clause names no clause of the contracts: {}\n", fmt::join(unknown, ", "));
    return probes::k_exit_usage;
  }
  std::vector<targets::TargetSpec> specs;
  for (const std::string& text : options.targets) {
    auto spec = targets::parse_target_spec(text);
    if (!spec) {
      fmt::print(err, "hallmark: error: {}\n", spec.error());
      return probes::k_exit_usage;
    }
    specs.push_back(std::move(*spec));
  }

  std::optional<probes::Snapshot> baseline;
  if (options.baseline_path) {
    auto loaded = load_snapshot(*options.baseline_path);
    if (!loaded) {
      fmt::print(err, "hallmark: error: {}\n", loaded.error());
      return probes::k_exit_usage;
    }
    baseline = std::move(*loaded);
  }

  reports::RunResult run;
  run.suites = run_on_targets(specs, *contracts, baseline ? &*baseline : nullptr, options, open, out);
  run.seconds = seconds_since(start);
  reports::print_summary(out, run);
  const bool written = write_reports(run, options, out, err);
  const bool target_trouble = std::ranges::any_of(run.suites, [](const reports::SuiteResult& suite) { return suite.target_problem.has_value(); });
  const int code = probes::gate_exit_code(reports::count(run), target_trouble);
  return written ? code : std::max(code, probes::k_exit_target);
}

}  // namespace hallmark::runner::commands
