#include "reports/json_writer.hpp"

#include <nlohmann/json.hpp>

#include "probes/waiver_gate.hpp"

namespace hallmark::reports {

namespace {

using nlohmann::json;

json clause_json(const probes::ClauseResult& result) {
  const contracts::Clause& clause = result.clause;
  json node{{"id", clause.id},
            {"kind", clause.kind},
            {"severity", to_string(clause.severity)},
            {"place", clause.place.str()},
            {"tags", clause.tags},
            {"verdict", to_string(result.outcome.verdict)},
            {"blocks", result.blocks()},
            {"expected", result.outcome.expected},
            {"actual", result.outcome.actual}};
  node["bug"] = clause.bug ? json(*clause.bug) : json(nullptr);
  node["description"] = clause.description ? json(*clause.description) : json(nullptr);
  node["error_kind"] = result.outcome.verdict == probes::Verdict::error ? json(to_string(result.outcome.error_kind)) : json(nullptr);
  node["evidence"] = result.outcome.evidence.empty() ? json(nullptr) : json(result.outcome.evidence);
  node["waiver"] = result.waiver ? json{{"bug", result.waiver->bug},
                                        {"justification", result.waiver->justification},
                                        {"expires", probes::date_text(result.waiver->expires)},
                                        {"place", result.waiver->place.str()}}
                                 : json(nullptr);
  return node;
}

json includes_json(const std::vector<contracts::IncludedFile>& includes) {
  json list = json::array();
  for (const contracts::IncludedFile& include : includes) list.push_back({{"file", include.file}, {"sha256", include.sha256}});
  return list;
}

// The target's further properties (probes::Provenance::properties) as one object.
json properties_json(const std::vector<std::pair<std::string, std::string>>& properties) {
  json object = json::object();
  for (const auto& [name, value] : properties) object[name] = value;
  return object;
}

json counts_json(const probes::Counts& counts) {
  return {{"total", counts.total},   {"passed", counts.passed},   {"failed", counts.failed},
          {"errors", counts.errors}, {"skipped", counts.skipped}, {"blocking_failures", counts.blocking_failures},
          {"deterministic_errors", counts.deterministic_errors}, {"internal_errors", counts.internal_errors}};
}

}  // namespace

std::string render_json(const RunResult& run) {
  json suites = json::array();
  for (const SuiteResult& suite : run.suites) {
    json clauses = json::array();
    for (const probes::ClauseResult& result : suite.clauses) clauses.push_back(clause_json(result));
    suites.push_back({{"contract",
                       {{"name", suite.contract_name},
                        {"version", suite.contract_version},
                        {"file", suite.contract_file},
                        {"sha256", suite.contract_sha256},
                        {"includes", includes_json(suite.includes)}}},
                      {"target",
                       {{"spec", suite.provenance.target},
                        {"label", suite.target_label},
                        {"image", suite.provenance.image},
                        {"image_id", suite.provenance.image_id},
                        {"image_digests", suite.provenance.image_digests},
                        {"hostname", suite.provenance.hostname},
                        {"host_key", suite.provenance.host_key},
                        {"properties", properties_json(suite.provenance.properties)}}},
                      {"timestamp", suite.timestamp},
                      {"seconds", suite.seconds},
                      {"target_problem", suite.target_problem ? json(*suite.target_problem) : json(nullptr)},
                      {"selection", suite.selection},
                      {"counts", counts_json(count(suite))},
                      {"clauses", clauses}});
  }
  const json document{{"format", 1},
                      {"hallmark_version", run.hallmark_version},
                      {"seconds", run.seconds},
                      {"counts", counts_json(count(run))},
                      {"suites", suites}};
  // Target output may hold bytes that are not UTF-8; replace them rather than fail the report.
  return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace hallmark::reports
