#include "runner/commands/run_command.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstring>
#include <iostream>
#include <mutex>
#include <thread>

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
#include "runner/commands/attest_run.hpp"
#include "runner/commands/load_contracts.hpp"
#include "runner/commands/partial_run.hpp"
#include "runner/commands/snapshot_command.hpp"
#include "runner/gather/fact_gatherer.hpp"
#include "runner/progress.hpp"
#include "runner/targets/teardown_registry.hpp"
#include "util/atomic_file.hpp"
#include "util/host_name.hpp"

namespace hallmark::runner::commands {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A target problem's first line: what each clause's error says. Its details (a VM's serial
// console) follow on later lines, and reports print them once, with the suite.
std::string first_line(std::string_view problem) { return std::string(problem.substr(0, problem.find('\n'))); }

// Every contract checked against one target; the target is torn down before this returns.
// Progress goes to `row` of `progress`.
std::vector<reports::SuiteResult> run_on_target(const RunTarget& run_target, const targets::TargetSpec& spec,
                                                const std::vector<contracts::Contract>& contracts, probes::JudgeContext context,
                                                const RunOptions& options, const TargetOpener& open, Progress& progress,
                                                std::size_t row) {
  const auto start = Clock::now();
  const std::string timestamp = utc_timestamp();
  progress.step(row, fmt::format("opening {}", spec.text));
  auto target = open(spec, options.target_options);
  probes::Facts facts;
  std::optional<std::string> problem;
  probes::Provenance provenance;
  provenance.target = spec.text;
  provenance.hostname = util::host_name();
  if (!target) {
    problem = target.error().why;
    context.unreachable = probes::FactError(first_line(target.error().why), target.error().kind);
  } else {
    provenance = (*target)->provenance();
    const probes::FactRequest request = probes::plan_run(contracts, options.selection, context.baseline);
    progress.step(row, fmt::format("gathering facts for {} clauses over {}", probes::selected_clause_count(contracts, options.selection),
                              (*target)->transport().describe()));
    facts = gather::gather_facts((*target)->transport(), request, options.fact_timeout, options.command_jobs);
    // A target that failed while it was read explains the facts it could not give; when every
    // fact came back, whatever happens to it now changes no verdict (and costs no round trip).
    if (probes::any_error(facts)) problem = (*target)->check_alive();
  }
  std::vector<reports::SuiteResult> suites =
      judge_suites(run_target, provenance, contracts, facts, context, options.selection.describe(), timestamp);
  if (problem) {
    for (reports::SuiteResult& suite : suites) suite.target_problem = problem;
  }
  if (target) progress.step(row, fmt::format("tearing down {}", spec.text));
  target = std::unexpected("torn down");  // tear down now, before the time is taken
  progress.step(row, "done");
  for (reports::SuiteResult& suite : suites) suite.seconds = seconds_since(start);
  return suites;
}

// Writes every report asked for; one that cannot be written does not keep the others from
// being written. False when one failed.
bool write_reports(const reports::RunResult& run, const RunOptions& options, const std::optional<util::Ed25519Key>& key,
                   std::ostream& out, std::ostream& err) {
  bool written = true;
  const auto write = [&](const std::optional<std::string>& path, const auto& render, std::string_view what) {
    if (!path) return;
    if (auto result = util::write_file_atomically(*path, render(run)); !result) {
      fmt::print(err, "hallmark: error: {}\n", result.error());
      written = false;
    } else {
      fmt::print(out, "hallmark: {} report written to {}\n", what, *path);
    }
  };
  write(options.junit_path, reports::render_junit, "JUnit");
  write(options.json_path, reports::render_json, "JSON");
  if (options.attestation_path) {
    if (const auto attestation = attest_run(run, options.baseline_path, key); !attestation) {
      fmt::print(err, "hallmark: error: cannot attest the run: {}\n", attestation.error());
      written = false;
    } else {
      write(options.attestation_path, [&](const reports::RunResult&) { return *attestation; },
            key ? "signed attestation" : "attestation");
    }
  }
  return written;
}

// The gate's code for a finished run; a report that could not be written is infrastructure
// trouble (a full disk), never a reason to hide a violation.
int exit_code(const reports::RunResult& run, bool written) {
  const bool target_trouble = std::ranges::any_of(run.suites, [](const reports::SuiteResult& suite) { return suite.target_problem.has_value(); });
  return probes::gate_exit_code(reports::count(run), target_trouble || !written);
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
  if (options.labels.size() > options.targets.size()) {
    fmt::print(err, "hallmark: error: {} --label options for {} --target options: give at most one label per target\n",
               options.labels.size(), options.targets.size());
    return probes::k_exit_usage;
  }
  std::vector<targets::TargetSpec> specs;
  std::vector<RunTarget> run_targets;
  for (const std::string& text : options.targets) {
    auto spec = targets::parse_usable_target(text, options.target_options);
    if (!spec) {
      fmt::print(err, "hallmark: error: {}\n", spec.error());
      return probes::k_exit_usage;
    }
    const std::size_t index = specs.size();
    run_targets.push_back({text, index < options.labels.size() ? options.labels[index] : text});
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

  std::optional<util::Ed25519Key> key;  // read before anything boots: a bad key is a usage error
  if (options.signing_key_path) {
    if (!options.attestation_path) {
      fmt::print(err, "hallmark: error: --signing-key signs the attestation: give --attestation FILE too\n");
      return probes::k_exit_usage;
    }
    auto loaded = util::Ed25519Key::load_private(*options.signing_key_path);
    if (!loaded) {
      fmt::print(err, "hallmark: error: cannot use the signing key {}\n", loaded.error());
      return probes::k_exit_usage;
    }
    key = std::move(*loaded);
  }

  const probes::JudgeContext context{.selection = &options.selection,
                                     .baseline = baseline ? &*baseline : nullptr,
                                     .unreachable = std::nullopt,
                                     .strict_lifecycle = options.strict_lifecycle,
                                     .today = probes::today_utc()};
  PartialRun partial(*contracts, run_targets, context, options.selection.describe());
  // On SIGINT/SIGTERM/SIGHUP the signal thread runs this with the other teardowns: the report
  // of the run so far, every clause not yet judged an error naming the signal. On the normal
  // path it runs when the run is over and does nothing.
  auto& registry = targets::TeardownRegistry::instance();
  const auto on_signal = registry.add([&] {
    const auto signal = targets::interrupting_signal();
    if (!signal) return;
    partial.finish(probes::FactError(fmt::format("interrupted by SIG{}", sigabbrev_np(*signal))), [&](reports::RunResult& run) {
      run.seconds = seconds_since(start);
      write_reports(run, options, key, std::cerr, std::cerr);
    });
  });

  // Up to options.parallel targets at once, each with its own boot and teardown; the report keeps
  // the --target order, whichever finished first.
  std::optional<probes::FactError> failure;
  {
    std::vector<std::string> rows;
    for (const RunTarget& run_target : run_targets) rows.push_back(run_target.label);
    Progress progress(out, options.live_progress, rows);
    std::atomic<std::size_t> next{0};
    std::mutex failure_mutex;
    const auto work = [&] {
      for (std::size_t i = next++; i < specs.size(); i = next++) {
        try {
          partial.add(i, run_on_target(run_targets[i], specs[i], *contracts, context, options, open, progress, i));
        } catch (const std::exception& error) {
          // A bug in hallmark: the targets judged so far keep their results, this one says why not.
          const std::lock_guard lock(failure_mutex);
          fmt::print(err, "hallmark: error: {}\n", error.what());
          if (!failure) failure = probes::FactError(fmt::format("hallmark failed: {}", error.what()), probes::ErrorKind::internal);
        }
      }
    };
    std::vector<std::jthread> workers;
    for (std::size_t i = 0; i < std::clamp<std::size_t>(options.parallel, 1, specs.size()); ++i) workers.emplace_back(work);
  }
  // Stays k_exit_target only when a signal's report came first: its thread then ends the process.
  int code = probes::k_exit_target;
  partial.finish(failure, [&](reports::RunResult& run) {
    run.seconds = seconds_since(start);
    reports::print_summary(out, run);
    code = exit_code(run, write_reports(run, options, key, out, err));
  });
  registry.run(on_signal);
  return code;
}

}  // namespace hallmark::runner::commands
