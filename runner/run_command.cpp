#include "runner/run_command.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include "contracts/contract_loader.hpp"
#include "probes/baseline_diff.hpp"
#include "probes/probe_registry.hpp"
#include "probes/waiver_gate.hpp"
#include "reports/atomic_file.hpp"
#include "reports/console_summary.hpp"
#include "reports/json_writer.hpp"
#include "reports/junit_writer.hpp"
#include "runner/exit_codes.hpp"
#include "runner/fact_gatherer.hpp"
#include "runner/host_name.hpp"
#include "runner/progress_line.hpp"
#include "runner/snapshot_command.hpp"

namespace hallmark::runner {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string utc_timestamp() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

// Loads every contract; on any error prints them all and returns nullopt.
std::optional<std::vector<contracts::Contract>> load_all(const std::vector<std::string>& files, std::ostream& err) {
  std::vector<contracts::Contract> loaded;
  std::vector<contracts::ContractError> errors;
  for (const std::string& file : files) {
    auto contract = contracts::load_contract(file);
    if (contract) {
      loaded.push_back(std::move(*contract));
    } else {
      errors.insert(errors.end(), contract.error().begin(), contract.error().end());
    }
  }
  if (errors.empty()) errors = contracts::find_duplicate_ids(loaded);
  for (const contracts::ContractError& error : errors) fmt::print(err, "{}\n", error.str());
  if (!errors.empty()) return std::nullopt;
  return loaded;
}

reports::SuiteResult start_suite(const contracts::Contract& contract, reports::TargetInfo target, std::string timestamp) {
  reports::SuiteResult suite;
  suite.contract_name = contract.name;
  suite.contract_version = contract.version;
  suite.contract_file = contract.file;
  suite.contract_sha256 = contract.sha256;
  suite.includes = contract.includes;
  suite.target = std::move(target);
  suite.timestamp = std::move(timestamp);
  return suite;
}

// One test case per difference from the baseline snapshot (a "fail" difference blocks, a
// "report" one warns), plus a summary case that names the baseline, so a clean comparison is
// visible in the report too.
std::vector<reports::ClauseResult> judge_baseline(const contracts::Contract& contract, const probes::Snapshot& baseline,
                                                  const probes::Facts& facts, const std::optional<std::string>& unreachable) {
  const contracts::BaselineSpec policy = contract.baseline.value_or(contracts::BaselineSpec{});
  const contracts::SourcePlace place = contract.baseline ? contract.baseline->place : contracts::SourcePlace{contract.file, 0, 0};
  const std::string promise = fmt::format("the promises of {} (image {}, taken {})", baseline.provenance.target,
                                          baseline.provenance.image_id, baseline.provenance.taken_at);
  std::vector<reports::ClauseResult> results;
  contracts::Clause summary;
  summary.id = "baseline";
  summary.kind = "baseline";
  summary.place = place;
  if (unreachable) {
    results.push_back({summary, probes::Outcome::error("keeps " + promise, *unreachable), std::nullopt});
    return results;
  }
  const auto findings = probes::compare_to_baseline(policy, baseline, facts);
  int blocking = 0;
  for (const probes::BaselineFinding& finding : findings) {
    contracts::Clause clause;
    clause.id = finding.id;
    clause.kind = finding.kind;
    clause.place = place;
    clause.severity = finding.action == contracts::DiffAction::fail ? contracts::Severity::blocking : contracts::Severity::warning;
    blocking += clause.severity == contracts::Severity::blocking && !finding.error;
    results.push_back({clause,
                       finding.error ? probes::Outcome::error(finding.expected, finding.actual)
                                     : probes::Outcome::fail(finding.expected, finding.actual),
                       std::nullopt});
  }
  const std::string counted = fmt::format("{} differences, {} of them blocking", findings.size(), blocking);
  results.insert(results.begin(), {summary, probes::Outcome::pass("keeps " + promise, counted), std::nullopt});
  return results;
}

// The clause results of one contract on gathered facts: selection, waivers and the
// contract's service life applied.
std::vector<reports::ClauseResult> judge(const contracts::Contract& contract, const probes::Facts& facts,
                                         const probes::Snapshot* baseline, const std::optional<std::string>& unreachable,
                                         const RunOptions& options, std::chrono::year_month_day today) {
  std::vector<reports::ClauseResult> results;
  for (const contracts::Clause& clause : contract.clauses) {
    if (!options.selection.selects(clause)) continue;
    probes::Outcome outcome = probes::evaluate_clause(clause, facts);
    if (unreachable) outcome = probes::Outcome::error(outcome.expected, *unreachable);
    const auto waiver = std::find_if(contract.waivers.begin(), contract.waivers.end(),
                                     [&](const contracts::Waiver& w) { return w.clause == clause.id; });
    const contracts::Waiver* applied = waiver == contract.waivers.end() ? nullptr : &*waiver;
    results.push_back({clause, probes::apply_waiver(std::move(outcome), applied, today),
                       applied ? std::optional(*applied) : std::nullopt});
  }
  if (baseline) {
    for (reports::ClauseResult& result : judge_baseline(contract, *baseline, facts, unreachable)) results.push_back(std::move(result));
  }
  if (contract.support_until) {
    contracts::Clause lifecycle;
    lifecycle.id = "lifecycle.support_until";
    lifecycle.kind = "lifecycle";
    lifecycle.severity = options.strict_lifecycle ? contracts::Severity::blocking : contracts::Severity::warning;
    lifecycle.place = {contract.file, 0, 0};
    results.push_back({lifecycle, probes::evaluate_lifecycle(contract, today), std::nullopt});
  }
  return results;
}

// Every contract checked against one target; the target is torn down before this returns.
std::vector<reports::SuiteResult> run_on_target(const TargetSpec& spec, const std::vector<contracts::Contract>& contracts,
                                                const probes::Snapshot* baseline, const RunOptions& options, std::ostream& out) {
  const auto start = Clock::now();
  const std::string timestamp = utc_timestamp();
  std::vector<const contracts::Clause*> clauses;
  for (const contracts::Contract& contract : contracts) {
    for (const contracts::Clause& clause : contract.clauses) {
      if (options.selection.selects(clause)) clauses.push_back(&clause);
    }
  }

  ProgressLine progress(out, options.live_progress);
  progress.step(fmt::format("opening {}", spec.text));
  auto target = open_target(spec, options.target_options);
  probes::Facts facts;
  std::optional<std::string> problem;
  reports::TargetInfo info{spec.text, "", "", {}, host_name()};
  if (!target) {
    problem = target.error();
  } else {
    info = (*target)->info();
    probes::FactRequest request = probes::plan_facts(clauses);
    for (const contracts::Contract& contract : contracts) {
      if (contract.package_manager) request.package_manager = probes::version_scheme_from_string(*contract.package_manager);
      if (baseline) probes::plan(contract.baseline.value_or(contracts::BaselineSpec{}), *baseline, request);
    }
    progress.step(fmt::format("gathering facts for {} clauses over {}", clauses.size(), (*target)->transport().describe()));
    facts = gather_facts((*target)->transport(), request, options.fact_timeout);
    problem = (*target)->check_alive();
  }

  const auto today = probes::today_utc();
  std::vector<reports::SuiteResult> suites;
  for (const contracts::Contract& contract : contracts) {
    reports::SuiteResult suite = start_suite(contract, info, timestamp);
    suite.target_problem = problem;
    suite.selection = options.selection.describe();
    suite.clauses = judge(contract, facts, baseline, target ? std::nullopt : problem, options, today);
    suites.push_back(std::move(suite));
  }
  if (target) progress.step(fmt::format("tearing down {}", spec.text));
  target = std::unexpected("torn down");  // tear down now, before the time is taken
  progress.finish();
  for (reports::SuiteResult& suite : suites) suite.seconds = seconds_since(start);
  return suites;
}

bool write_reports(const reports::RunResult& run, const RunOptions& options, std::ostream& out, std::ostream& err) {
  bool written = true;
  const auto write = [&](const std::optional<std::string>& path, const std::string& content, std::string_view what) {
    if (!path) return;
    if (auto result = reports::write_file_atomically(*path, content); !result) {
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

int run_contracts(const RunOptions& options, std::ostream& out, std::ostream& err) {
  const auto start = Clock::now();
  const auto contracts = load_all(options.contract_files, err);
  if (!contracts) return k_exit_usage;
  if (const auto unknown = unknown_clause_ids(options.selection, *contracts); !unknown.empty()) {
    fmt::print(err, "hallmark: error: --clause names no clause of the contracts: {}\n", fmt::join(unknown, ", "));
    return k_exit_usage;
  }
  std::vector<TargetSpec> specs;
  for (const std::string& text : options.targets) {
    auto spec = parse_target_spec(text);
    if (!spec) {
      fmt::print(err, "hallmark: error: {}\n", spec.error());
      return k_exit_usage;
    }
    specs.push_back(std::move(*spec));
  }

  std::optional<probes::Snapshot> baseline;
  if (options.baseline_path) {
    auto loaded = load_snapshot(*options.baseline_path);
    if (!loaded) {
      fmt::print(err, "hallmark: error: {}\n", loaded.error());
      return k_exit_usage;
    }
    baseline = std::move(*loaded);
  }

  reports::RunResult run;
  for (const TargetSpec& spec : specs) {
    for (reports::SuiteResult& suite : run_on_target(spec, *contracts, baseline ? &*baseline : nullptr, options, out)) {
      run.suites.push_back(std::move(suite));
    }
  }
  run.seconds = seconds_since(start);
  reports::print_summary(out, run);
  const bool written = write_reports(run, options, out, err);
  const int code = exit_code_for(run);
  return written ? code : std::max(code, k_exit_target);
}

int check_contracts(const std::vector<std::string>& contract_files, std::optional<int> expiring_within_days,
                    std::ostream& out, std::ostream& err) {
  const auto contracts = load_all(contract_files, err);
  if (!contracts) return k_exit_usage;
  const auto today = std::chrono::sys_days{probes::today_utc()};
  const auto ends_soon = [&](std::chrono::year_month_day date) {
    const auto days = (std::chrono::sys_days{date} - today).count();
    return expiring_within_days && days <= *expiring_within_days ? std::optional(days) : std::nullopt;
  };
  for (const contracts::Contract& contract : *contracts) {
    fmt::print(out, "{}: contract {} {} is valid ({} clauses, {} waivers)\n", contract.file, contract.name, contract.version,
               contract.clauses.size(), contract.waivers.size());
    if (const auto days = contract.support_until ? ends_soon(*contract.support_until) : std::nullopt) {
      fmt::print(out, "{}: contract {} service life {} in {} days ({})\n", contract.file, contract.name,
                 *days < 0 ? "ended" : "ends", std::abs(*days), probes::date_text(*contract.support_until));
    }
    for (const contracts::Waiver& waiver : contract.waivers) {
      if (const auto days = ends_soon(waiver.expires)) {
        fmt::print(out, "{}: waiver of {} ({}) {} {} ({} days)\n", waiver.place.str(), waiver.clause, waiver.bug,
                   *days <= 0 ? "expired on" : "expires on", probes::date_text(waiver.expires), *days);
      }
    }
  }
  return k_exit_ok;
}

}  // namespace hallmark::runner
