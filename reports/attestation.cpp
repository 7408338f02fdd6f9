#include "reports/attestation.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace hallmark::reports {

namespace {

constexpr std::string_view k_statement_type = "https://in-toto.io/Statement/v1";

enum class Bucket { passed, warned, failed, none };

Bucket bucket_of(const probes::ClauseResult& result) {
  using probes::Verdict;
  switch (result.outcome.verdict) {
    case Verdict::pass: return Bucket::passed;
    case Verdict::fail: return result.blocks() ? Bucket::failed : Bucket::warned;
    case Verdict::error: return Bucket::failed;
    case Verdict::skipped: return result.waiver ? Bucket::warned : Bucket::none;  // waived, or not selected
  }
  return Bucket::none;
}

nlohmann::ordered_json descriptors(const std::vector<AttestedResource>& resources) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const AttestedResource& resource : resources) {
    list.push_back({{"name", resource.name}, {"digest", {{"sha256", resource.sha256}}}});
  }
  return list;
}

}  // namespace

std::string attestation_result(const RunResult& run) {
  bool warned = false;
  for (const SuiteResult& suite : run.suites) {
    if (suite.target_problem) return "FAILED";
    for (const probes::ClauseResult& result : suite.clauses) {
      const Bucket bucket = bucket_of(result);
      if (bucket == Bucket::failed) return "FAILED";
      warned = warned || bucket == Bucket::warned;
    }
  }
  return warned ? "WARNED" : "PASSED";
}

std::string render_statement(const RunResult& run, const std::vector<AttestedResource>& subjects,
                             const std::vector<AttestedResource>& configuration) {
  nlohmann::ordered_json passed = nlohmann::ordered_json::array(), warned = passed, failed = passed;
  for (const SuiteResult& suite : run.suites) {
    for (const probes::ClauseResult& result : suite.clauses) {
      switch (bucket_of(result)) {
        case Bucket::passed: passed.push_back(result.clause.id); break;
        case Bucket::warned: warned.push_back(result.clause.id); break;
        case Bucket::failed: failed.push_back(result.clause.id); break;
        case Bucket::none: break;
      }
    }
  }
  const nlohmann::ordered_json statement{
      {"_type", k_statement_type},
      {"subject", descriptors(subjects)},
      {"predicateType", k_test_result_predicate},
      {"predicate",
       {{"result", attestation_result(run)},
        {"configuration", descriptors(configuration)},
        {"passedTests", passed},
        {"warnedTests", warned},
        {"failedTests", failed}}}};
  return statement.dump(2) + "\n";
}

std::expected<TestResultStatement, std::string> read_statement(std::string_view json) {
  const nlohmann::json document = nlohmann::json::parse(json, nullptr, false);
  if (!document.is_object()) return std::unexpected("the payload is not a JSON object");
  if (document.value("_type", "") != k_statement_type) {
    return std::unexpected(fmt::format("the payload is not an in-toto statement ({} expected)", k_statement_type));
  }
  if (document.value("predicateType", "") != k_test_result_predicate) {
    return std::unexpected(fmt::format("the predicate type is not {}", k_test_result_predicate));
  }
  TestResultStatement statement;
  const nlohmann::json& predicate = document.value("predicate", nlohmann::json::object());
  if (!predicate.is_object() || !predicate.contains("result") || !predicate["result"].is_string()) {
    return std::unexpected("the predicate has no result");
  }
  statement.result = predicate["result"].get<std::string>();
  for (const nlohmann::json& name : predicate.value("failedTests", nlohmann::json::array())) {
    if (name.is_string()) statement.failed_tests.push_back(name.get<std::string>());
  }
  if (!document.contains("subject") || !document["subject"].is_array() || document["subject"].empty()) {
    return std::unexpected("the statement has no subject");
  }
  for (const nlohmann::json& subject : document["subject"]) {
    const nlohmann::json digest = subject.is_object() ? subject.value("digest", nlohmann::json::object()) : nlohmann::json();
    if (!digest.is_object() || !digest.contains("sha256") || !digest["sha256"].is_string()) {
      return std::unexpected("a subject has no sha256 digest");
    }
    statement.subjects.push_back({subject.value("name", ""), digest["sha256"].get<std::string>()});
  }
  return statement;
}

}  // namespace hallmark::reports
