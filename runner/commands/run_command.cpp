#include "runner/commands/run_command.hpp"

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
#include "runner/commands/attest_run.hpp"
#include "runner/commands/load_contracts.hpp"
#include "runner/commands/snapshot_command.hpp"
#include "runner/gather/fact_gatherer.hpp"
#include "runner/progress_line.hpp"
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
std::vector<reports::SuiteResult> run_on_target(const targets::TargetSpec& spec, const std::vector<contracts::Contract>& contracts,
                                                const probes::Snapshot* baseline, const RunOptions& options,
                                                const TargetOpener& open, std::ostream& out) {
  const auto start = Clock::now();
  const std::string timestamp = utc_timestamp();
  ProgressLine progress(out, options.live_progress);
  progress.step(fmt::format("opening {}", spec.text));
  auto target = open(spec, options.target_options);
  probes::Facts facts;
  std::optional<std::string> problem;
  probes::Provenance provenance{.target = spec.text, .hostname = util::host_name()};
  if (!target) {
    problem = target.error();
  } else {
    provenance = (*target)->provenance();
    const probes::FactRequest request = probes::plan_run(contracts, options.selection, baseline);
    progress.step(fmt::format("gathering facts for {} clauses over {}", probes::selected_clause_count(contracts, options.selection),
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
  if (target) progress.step(fmt::format("tearing down {}", spec.text));
  target = std::unexpected("torn down");  // tear down now, before the time is taken
  progress.finish();
  for (reports::SuiteResult& suite : suites) suite.seconds = seconds_since(start);
  return suites;
}

bool write_reports(const reports::RunResult& run, const RunOptions& options, const std::optional<util::Ed25519Key>& key,
                   std::ostream& out, std::ostream& err) {
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
  if (options.attestation_path) {
    if (const auto attestation = attest_run(run, options.baseline_path, key); !attestation) {
      fmt::print(err, "hallmark: error: cannot attest the run: {}\n", attestation.error());
      written = false;
    } else {
      write(options.attestation_path, *attestation, key ? "signed attestation" : "attestation");
    }
  }
  return written;
}

}  // namespace

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

  reports::RunResult run;
  for (const targets::TargetSpec& spec : specs) {
    for (reports::SuiteResult& suite : run_on_target(spec, *contracts, baseline ? &*baseline : nullptr, options, open, out)) {
      run.suites.push_back(std::move(suite));
    }
  }
  run.seconds = seconds_since(start);
  reports::print_summary(out, run);
  const bool written = write_reports(run, options, key, out, err);
  const bool target_trouble = std::ranges::any_of(run.suites, [](const reports::SuiteResult& suite) { return suite.target_problem.has_value(); });
  const int code = probes::gate_exit_code(reports::count(run), target_trouble);
  return written ? code : std::max(code, probes::k_exit_target);
}

}  // namespace hallmark::runner::commands
