#include "reports/certification.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace hallmark::reports {

std::expected<Certification, std::string> read_certification(std::string_view json, std::string_view source) {
  const nlohmann::json document = nlohmann::json::parse(json, nullptr, false);
  const auto refuse = [&](std::string_view why) {
    return std::unexpected(fmt::format("{} is not a hallmark run report: {}", source, why));
  };
  if (!document.is_object()) return refuse("not a JSON object");
  if (document.value("format", 0) != 1 || !document.contains("suites") || !document["suites"].is_array()) {
    return refuse("format 1 with suites expected (hallmark run --json FILE writes one)");
  }
  try {
    Certification certification;
    certification.hallmark_version = document.value("hallmark_version", "");
    for (const nlohmann::json& suite : document["suites"]) {
      const nlohmann::json& contract = suite.at("contract");
      const nlohmann::json& target = suite.at("target");
      const nlohmann::json& counts = suite.at("counts");
      CertifiedSuite read{contract.value("name", ""), contract.value("version", ""), target.value("spec", ""),
                          target.value("image", ""), target.value("image_id", ""),
                          target.value("image_digests", std::vector<std::string>{}), suite.value("timestamp", "")};
      read.total = counts.value("total", 0);
      read.passed = counts.value("passed", 0);
      read.failed = counts.value("failed", 0);
      read.errors = counts.value("errors", 0);
      read.skipped = counts.value("skipped", 0);
      read.blocking_failures = counts.value("blocking_failures", 0);
      certification.suites.push_back(read);
      for (const nlohmann::json& clause : suite.at("clauses")) {
        const std::string verdict = clause.value("verdict", "");
        const bool waived = clause.contains("waiver") && clause["waiver"].is_object();
        if (verdict == "pass" || (verdict == "skipped" && !waived)) continue;
        certification.not_passed.push_back({read.contract, clause.value("id", ""), verdict, clause.value("expected", ""),
                                            clause.value("actual", ""), waived ? clause["waiver"].value("bug", "") : ""});
      }
    }
    return certification;
  } catch (const nlohmann::json::exception& error) {
    return refuse(error.what());
  }
}

}  // namespace hallmark::reports
