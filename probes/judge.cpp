#include "probes/judge.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "probes/baseline_diff.hpp"
#include "probes/probe_registry.hpp"
#include "probes/waiver_gate.hpp"

namespace hallmark::probes {

namespace {

// One result per difference from the baseline snapshot (a "fail" difference blocks, a "report"
// one warns), after a summary result that names the baseline, so a clean comparison is visible
// in the report too.
std::vector<ClauseResult> judge_baseline(const contracts::Contract& contract, const Facts& facts,
                                         const JudgeContext& context) {
  const Snapshot& baseline = *context.baseline;
  const contracts::BaselineSpec policy = contract.baseline.value_or(contracts::BaselineSpec{});
  const contracts::SourcePlace place = contract.baseline ? contract.baseline->place : contracts::SourcePlace{contract.file, 0, 0};
  const std::string promise = fmt::format("the promises of {} (image {}, taken {})", baseline.provenance.target,
                                          baseline.provenance.image_id, baseline.provenance.taken_at);
  contracts::Clause summary;
  summary.id = "baseline";
  summary.kind = "baseline";
  summary.place = place;
  if (context.unreachable) return {{summary, Outcome::error("keeps " + promise, *context.unreachable), std::nullopt}};

  std::vector<ClauseResult> results;
  const auto findings = compare_to_baseline(policy, baseline, facts);
  int blocking = 0;
  for (const BaselineFinding& finding : findings) {
    contracts::Clause clause;
    clause.id = finding.id;
    clause.kind = finding.kind;
    clause.place = place;
    clause.severity = finding.action == contracts::DiffAction::fail ? contracts::Severity::blocking : contracts::Severity::warning;
    blocking += clause.severity == contracts::Severity::blocking && !finding.error;
    results.push_back({clause,
                       finding.error ? Outcome::error(finding.expected, finding.actual) : Outcome::fail(finding.expected, finding.actual),
                       std::nullopt});
  }
  const std::string counted = fmt::format("{} differences, {} of them blocking", findings.size(), blocking);
  // The summary is a verdict too: it fails when it counts a blocking difference, so a reader of
  // the summary alone is never told "pass" about a baseline the image broke.
  Outcome verdict = blocking > 0 ? Outcome::fail("keeps " + promise, counted) : Outcome::pass("keeps " + promise, counted);
  results.insert(results.begin(), {summary, std::move(verdict), std::nullopt});
  return results;
}

ClauseResult judge_lifecycle(const contracts::Contract& contract, const JudgeContext& context) {
  contracts::Clause lifecycle;
  lifecycle.id = "lifecycle.support_until";
  lifecycle.kind = "lifecycle";
  lifecycle.severity = context.strict_lifecycle ? contracts::Severity::blocking : contracts::Severity::warning;
  lifecycle.place = {contract.file, 0, 0};
  return {lifecycle, evaluate_lifecycle(contract, context.today), std::nullopt};
}

}  // namespace

std::vector<ClauseResult> judge_contract(const contracts::Contract& contract, const Facts& facts,
                                         const JudgeContext& context) {
  std::vector<ClauseResult> results;
  // The first waiver of each clause, looked up by id: a scan per clause is quadratic on big contracts.
  std::map<std::string_view, const contracts::Waiver*> waivers;
  for (const contracts::Waiver& waiver : contract.waivers) waivers.emplace(waiver.clause, &waiver);
  for (const contracts::Clause& clause : contract.clauses) {
    if (context.selection && !context.selection->selects(clause)) continue;
    Outcome outcome = evaluate_clause(clause, facts);
    if (context.unreachable) outcome = Outcome::error(outcome.expected, *context.unreachable);
    const auto waiver = waivers.find(clause.id);
    const contracts::Waiver* applied = waiver == waivers.end() ? nullptr : waiver->second;
    results.push_back({clause, apply_waiver(std::move(outcome), applied, context.today),
                       applied ? std::optional(*applied) : std::nullopt});
  }
  if (context.baseline) std::ranges::move(judge_baseline(contract, facts, context), std::back_inserter(results));
  if (contract.support_until) results.push_back(judge_lifecycle(contract, context));
  return results;
}

}  // namespace hallmark::probes
