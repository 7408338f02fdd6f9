#include "reports/attestation.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "reports/dsse_envelope.hpp"
#include "support/ed25519_keys.hpp"
#include "support/temp_dir.hpp"
#include "util/base64.hpp"

namespace hallmark::reports {
namespace {

using probes::Outcome;

probes::ClauseResult clause(std::string id, Outcome outcome, contracts::Severity severity = contracts::Severity::blocking) {
  probes::ClauseResult result;
  result.clause.id = std::move(id);
  result.clause.severity = severity;
  result.outcome = std::move(outcome);
  return result;
}

RunResult run_of(std::vector<probes::ClauseResult> clauses) {
  SuiteResult suite;
  suite.clauses = std::move(clauses);
  return {.suites = {suite}};
}

nlohmann::json statement_of(const RunResult& run) {
  return nlohmann::json::parse(render_statement(run, {{"core:12.6", "ab12"}}, {{"base.toml", "cd34"}}));
}

TEST(Attestation, StatementSortsClauseIdsIntoPassedWarnedAndFailed) {
  probes::ClauseResult waived = clause("file.motd", Outcome::fail("x", "y"));
  waived.outcome.verdict = probes::Verdict::skipped;
  waived.waiver = contracts::Waiver{.clause = "file.motd", .bug = "BZ#1"};
  probes::ClauseResult unselected = clause("port.tcp-22", Outcome::pass("", ""));
  unselected.outcome.verdict = probes::Verdict::skipped;
  const nlohmann::json statement = statement_of(run_of({
      clause("package.openssl", Outcome::pass("a", "b")),
      clause("sysctl.ip_forward", Outcome::fail("0", "1"), contracts::Severity::warning),
      waived,
      unselected,
      clause("package.telnetd", Outcome::fail("absent", "installed")),
      clause("service.ssh", Outcome::error("enabled", "target lost")),
  }));
  EXPECT_EQ(statement.dump(), nlohmann::json::parse(R"({
    "_type": "https://in-toto.io/Statement/v1",
    "subject": [{"name": "core:12.6", "digest": {"sha256": "ab12"}}],
    "predicateType": "https://in-toto.io/attestation/test-result/v0.1",
    "predicate": {
      "result": "FAILED",
      "configuration": [{"name": "base.toml", "digest": {"sha256": "cd34"}}],
      "passedTests": ["package.openssl"],
      "warnedTests": ["sysctl.ip_forward", "file.motd"],
      "failedTests": ["package.telnetd", "service.ssh"]
    }})").dump());
}

TEST(Attestation, ResultIsPassedOnlyWhenNothingWarnedOrFailed) {
  EXPECT_EQ(attestation_result(run_of({clause("a", Outcome::pass("", ""))})), "PASSED");
  EXPECT_EQ(attestation_result(run_of({clause("a", Outcome::pass("", "")),
                                       clause("b", Outcome::fail("", ""), contracts::Severity::warning)})),
            "WARNED");
  RunResult lost = run_of({clause("a", Outcome::pass("", ""))});
  lost.suites[0].target_problem = "the container exited";
  EXPECT_EQ(attestation_result(lost), "FAILED");
}

TEST(Attestation, StatementIsReadBackWithItsSubjectsResultAndFailures) {
  const auto read = read_statement(render_statement(run_of({clause("package.telnetd", Outcome::fail("", ""))}),
                                                    {{"core:12.6", "ab12"}}, {}));
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(read->result, "FAILED");
  EXPECT_EQ(read->subjects.at(0).sha256, "ab12");
  EXPECT_EQ(read->failed_tests, std::vector<std::string>{"package.telnetd"});
}

TEST(Attestation, OtherJsonIsNotAStatement) {
  EXPECT_EQ(read_statement("[1]").error(), "the payload is not a JSON object");
  EXPECT_EQ(read_statement(R"({"_type": "https://in-toto.io/Statement/v1", "predicateType": "x"})").error(),
            "the predicate type is not https://in-toto.io/attestation/test-result/v0.1");
}

TEST(Dsse, PreAuthenticationEncodingIsTheSpecsExample) {
  EXPECT_EQ(pre_authentication_encoding("http://example.com/HelloWorld", "hello world"),
            "DSSEv1 29 http://example.com/HelloWorld 11 hello world");
}

class DsseSigned : public ::testing::Test {
 protected:
  DsseSigned() : keys(testing::make_ed25519_keys(dir, "signer")), other(testing::make_ed25519_keys(dir, "other")) {}

  std::string envelope() const {
    const auto key = util::Ed25519Key::load_private(keys.private_pem);
    EXPECT_TRUE(key) << key.error();
    return sign_envelope(k_in_toto_payload_type, statement, *key);
  }
  std::expected<std::string, std::string> open(const std::string& text, const std::string& public_pem) const {
    return open_envelope(text, k_in_toto_payload_type, *util::Ed25519Key::load_public(public_pem));
  }

  testing::TempDir dir;
  testing::Ed25519KeyFiles keys, other;
  std::string statement = render_statement(run_of({clause("package.openssl", Outcome::pass("", ""))}), {{"core:12.6", "ab12"}}, {});
};

// openssl pkeyutl and python3-securesystemslib, over a PAE built by the Python script, accept it.
TEST_F(DsseSigned, OpensslAndSecuresystemslibVerifyTheEnvelope) {
  const std::string path = dir.write("statement.dsse.json", envelope());
  EXPECT_EQ(testing::verify_with_other_tools(path, keys.public_pem),
            "openssl: OK\nsecuresystemslib: OK\npredicateType: https://in-toto.io/attestation/test-result/v0.1\n"
            "result: PASSED\nsubject: core:12.6 ab12\n");
  EXPECT_EQ(testing::verify_with_other_tools(path, other.public_pem), "openssl: FAIL\nsecuresystemslib: FAIL\n");
  const auto opened = open(envelope(), keys.public_pem);
  ASSERT_TRUE(opened) << opened.error();
  EXPECT_EQ(*opened, statement);
}

TEST_F(DsseSigned, KeyIdIsTheSha256OfThePublicKeyDer) {
  const nlohmann::json parsed = nlohmann::json::parse(envelope());
  EXPECT_EQ(parsed["signatures"][0]["keyid"], util::Ed25519Key::load_public(keys.public_pem)->key_id());
  EXPECT_EQ(parsed["signatures"][0]["keyid"].get<std::string>().size(), 64u);
}

TEST_F(DsseSigned, AFlippedPayloadByteOrAnotherKeyIsRefused) {
  nlohmann::json parsed = nlohmann::json::parse(envelope());
  std::string payload = *util::base64_decode(parsed["payload"].get<std::string>());
  payload[payload.find("PASSED")] = 'Q';
  parsed["payload"] = util::base64_encode(payload);
  const std::string flipped = dir.write("flipped.json", parsed.dump());
  EXPECT_EQ(testing::verify_with_other_tools(flipped, keys.public_pem), "openssl: FAIL\nsecuresystemslib: FAIL\n");
  EXPECT_TRUE(open(parsed.dump(), keys.public_pem).error().starts_with("no signature in the envelope verifies with key "));
  EXPECT_TRUE(open(envelope(), other.public_pem).error().starts_with("no signature in the envelope verifies with key "));
  EXPECT_EQ(open_envelope(envelope(), "text/plain", *util::Ed25519Key::load_public(keys.public_pem)).error(),
            "the envelope's payload type is application/vnd.in-toto+json, not text/plain");
  EXPECT_EQ(open(statement, keys.public_pem).error(), "not a DSSE envelope (payload, payloadType and signatures are required)");
}

TEST(Ed25519Key, AMissingFileOrAnotherKindOfFileIsRefusedWithThePath) {
  testing::TempDir dir;
  EXPECT_EQ(util::Ed25519Key::load_private((dir.path() / "none.pem").string()).error(),
            (dir.path() / "none.pem").string() + ": cannot read the key file");
  const std::string garbage = dir.write("garbage.pem", "not a key\n");
  EXPECT_TRUE(util::Ed25519Key::load_public(garbage).error().starts_with(garbage + ": ")) << util::Ed25519Key::load_public(garbage).error();
}

TEST(Base64, RoundTripsAndReadsUrlSafeUnpadded) {
  EXPECT_EQ(util::base64_encode("hello world"), "aGVsbG8gd29ybGQ=");
  EXPECT_EQ(*util::base64_decode("aGVsbG8gd29ybGQ="), "hello world");
  EXPECT_EQ(*util::base64_decode("aGVsbG8gd29ybGQ"), "hello world");
  EXPECT_EQ(*util::base64_decode("-_8"), "\xfb\xff");
  EXPECT_EQ(util::base64_decode("a*b=").error(), "not base64: unexpected character");
}

}  // namespace
}  // namespace hallmark::reports
