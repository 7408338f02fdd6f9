#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "reports/attested_resource.hpp"
#include "reports/run_result.hpp"

namespace hallmark::reports {

// The in-toto test-result predicate type hallmark attests with.
inline constexpr std::string_view k_test_result_predicate = "https://in-toto.io/attestation/test-result/v0.1";

// What a run says of its images: "PASSED" when every judged clause passed, "FAILED" when a
// blocking clause failed or a clause or target could not be judged, otherwise "WARNED".
std::string attestation_result(const RunResult& run);

// An in-toto Statement v1 (JSON) with the test-result predicate: `subjects` are the tested
// images, `configuration` every contract file, included file and baseline snapshot, and the
// clause ids sorted into passedTests (pass), warnedTests (a warning-severity failure, a waived
// failure) and failedTests (a blocking failure, could not be judged). docs/attestation.md.
std::string render_statement(const RunResult& run, const std::vector<AttestedResource>& subjects,
                             const std::vector<AttestedResource>& configuration);

// The parts of a test-result statement a verifier checks.
struct TestResultStatement {
  std::vector<AttestedResource> subjects;
  std::string result;
  std::vector<std::string> failed_tests;
};

// Reads a statement strictly: Statement v1, the test-result predicate type, subjects with a
// sha256 digest. Fails with why it is not one.
std::expected<TestResultStatement, std::string> read_statement(std::string_view json);

}  // namespace hallmark::reports
