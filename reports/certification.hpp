#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace hallmark::reports {

// A clause of a run that did not simply pass: failed, could not be judged, or waived.
struct CertifiedClause {
  std::string contract;
  std::string id;
  std::string verdict;  // "fail", "error" or "skipped" (waived)
  std::string expected;
  std::string actual;
  std::string waiver_bug;  // when waived
};

// One contract on one target, as a `hallmark run --json` report recorded it.
struct CertifiedSuite {
  std::string contract;
  std::string contract_version;
  std::string target;
  std::string image;
  std::string image_id;
  std::vector<std::string> image_digests;
  std::string timestamp;
  int total = 0, passed = 0, failed = 0, errors = 0, skipped = 0, blocking_failures = 0;
};

// What the technical notes say of the last certification run.
struct Certification {
  std::string hallmark_version;
  std::vector<CertifiedSuite> suites;
  std::vector<CertifiedClause> not_passed;
};

// Reads a `hallmark run --json` report (docs/reports.md, format 1); `source` names it in
// messages. Fails with "SOURCE is not a hallmark run report: ..." when it is not one.
std::expected<Certification, std::string> read_certification(std::string_view json, std::string_view source);

}  // namespace hallmark::reports
