// `hallmark run --attestation --signing-key` against a scripted target, then
// `hallmark verify-attestation` on what it wrote: the promotion check, without Docker.
#include <gtest/gtest.h>

#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "probes/snapshot.hpp"
#include "runner/commands/run_command.hpp"
#include "runner/commands/verify_attestation_command.hpp"
#include "runner/gather/embedded_scripts.hpp"
#include "support/ed25519_keys.hpp"
#include "support/fake_transport.hpp"
#include "support/temp_dir.hpp"
#include "support/text_assertions.hpp"
#include "util/base64.hpp"
#include "util/sha256.hpp"
#include "util/text_file.hpp"

namespace hallmark::runner::commands {
namespace {

using testing::framed;

const std::string k_image_id = "sha256:" + std::string(64, 'e');

class AttestationCommand : public ::testing::Test {
 protected:
  AttestationCommand() : keys(testing::make_ed25519_keys(dir, "signer")) {
    contract = dir.write("fake.toml", "[contract]\nname = \"fake\"\nversion = \"1.0.0\"\n\n"
                                      "[[package]]\nname = \"openssl\"\nversion = \">= 3\"\n");
    options.contract_files = {contract};
    options.targets = {"docker:candidate"};
    options.attestation_path = (dir.path() / "attestation.json").string();
    options.signing_key_path = keys.private_pem;
  }

  int run(std::string_view version) {
    target.answer_output(gather::scripts::k_packages,
                         framed({{"scheme", "dpkg"},
                                 {"db", fmt::format("Package: openssl\nStatus: install ok installed\nArchitecture: amd64\n"
                                                    "Version: {}\n", version)}}));
    const TargetOpener open = [&](const targets::TargetSpec& spec, const targets::TargetOptions&) -> targets::OpenResult {
      return std::make_unique<testing::FakeTarget>(target, probes::Provenance{.target = spec.text, .image = "candidate:1",
                                                                                 .image_id = k_image_id});
    };
    return run_contracts(options, out, err, open);
  }

  int verify(const std::string& subject, const std::string& public_pem) {
    verify_err.str("");
    return verify_attestation({*options.attestation_path, public_pem, subject}, out, verify_err);
  }

  // The statement inside the written envelope.
  nlohmann::json statement() const {
    const nlohmann::json envelope = nlohmann::json::parse(*util::read_text_file(*options.attestation_path));
    return nlohmann::json::parse(*util::base64_decode(envelope["payload"].get<std::string>()));
  }

  testing::TempDir dir;
  testing::Ed25519KeyFiles keys;
  std::string contract;
  testing::FakeTransport target;
  RunOptions options;
  std::ostringstream out, err, verify_err;
};

TEST_F(AttestationCommand, PassingRunIsVerifiedForItsImage) {
  ASSERT_EQ(run("3.0.11-1"), 0) << err.str();
  EXPECT_TRUE(testing::contains(out.str(), "signed attestation report written to"));
  const nlohmann::json written = statement();
  EXPECT_EQ(written["subject"], nlohmann::json::parse(fmt::format(R"([{{"name": "candidate:1", "digest": {{"sha256": "{}"}}}}])",
                                                                  std::string(64, 'e'))));
  EXPECT_EQ(written["predicate"]["configuration"][0]["name"], contract);
  EXPECT_EQ(written["predicate"]["configuration"][0]["digest"]["sha256"], util::sha256_hex(*util::read_text_file(contract)));
  EXPECT_EQ(written["predicate"]["passedTests"], nlohmann::json::parse(R"(["package.openssl"])"));
  EXPECT_TRUE(testing::contains(testing::verify_with_other_tools(*options.attestation_path, keys.public_pem),
                                "openssl: OK\nsecuresystemslib: OK\n"));
  EXPECT_EQ(verify(k_image_id, keys.public_pem), 0) << verify_err.str();
  EXPECT_TRUE(testing::contains(out.str(), "hallmark: attestation verified: candidate:1 " + k_image_id + " PASSED"));
}

TEST_F(AttestationCommand, AnotherImageDigestIsRefused) {
  ASSERT_EQ(run("3.0.11-1"), 0) << err.str();
  EXPECT_EQ(verify("sha256:" + std::string(64, 'f'), keys.public_pem), 1);
  EXPECT_TRUE(testing::contains(verify_err.str(), "attestation refused: "));
  EXPECT_TRUE(testing::contains(verify_err.str(), ": it does not name sha256:ffff"));
}

TEST_F(AttestationCommand, AnotherKeyIsRefused) {
  ASSERT_EQ(run("3.0.11-1"), 0) << err.str();
  const testing::Ed25519KeyFiles other = testing::make_ed25519_keys(dir, "other");
  EXPECT_EQ(verify(k_image_id, other.public_pem), 1);
  EXPECT_TRUE(testing::contains(verify_err.str(), "no signature in the envelope verifies with key"));
}

TEST_F(AttestationCommand, AFlippedByteIsRefused) {
  ASSERT_EQ(run("3.0.11-1"), 0) << err.str();
  std::string bytes = *util::read_text_file(*options.attestation_path);
  const std::size_t payload = bytes.find("\"payload\": \"") + 20;
  bytes[payload] = bytes[payload] == 'A' ? 'B' : 'A';
  dir.write("attestation.json", bytes);
  EXPECT_EQ(verify(k_image_id, keys.public_pem), 1);
  EXPECT_TRUE(testing::contains(verify_err.str(), "attestation refused"));
}

TEST_F(AttestationCommand, FailedRunIsSignedButRefusedForPromotion) {
  ASSERT_EQ(run("1.1.1w-0"), 1);
  EXPECT_EQ(statement()["predicate"]["result"], "FAILED");
  EXPECT_EQ(verify(k_image_id, keys.public_pem), 1);
  EXPECT_TRUE(testing::contains(verify_err.str(), "the result is FAILED (failed: package.openssl)"));
}

TEST_F(AttestationCommand, UnsignedStatementIsNotAcceptedAsAnEnvelope) {
  options.signing_key_path.reset();
  ASSERT_EQ(run("3.0.11-1"), 0) << err.str();
  EXPECT_EQ(nlohmann::json::parse(*util::read_text_file(*options.attestation_path))["_type"],
            "https://in-toto.io/Statement/v1");
  EXPECT_EQ(verify(k_image_id, keys.public_pem), 1);
  EXPECT_TRUE(testing::contains(verify_err.str(), "not a DSSE envelope"));
}

TEST_F(AttestationCommand, ABadSigningKeyStopsTheRunBeforeAnythingBoots) {
  options.signing_key_path = dir.write("bad.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
  EXPECT_EQ(run("3.0.11-1"), 2);
  EXPECT_TRUE(testing::contains(err.str(), "hallmark: error: cannot use the signing key " + *options.signing_key_path + ": "));
  EXPECT_TRUE(target.calls().empty());
}

TEST_F(AttestationCommand, BaselineSnapshotIsPartOfTheConfiguration) {
  probes::Snapshot snapshot;
  snapshot.provenance = {.target = "docker:baseline", .taken_at = "2026-11-24T12:00:00Z", .hallmark_version = "0.1.0"};
  snapshot.facts.packages = probes::PackageFacts{probes::VersionScheme::dpkg, {{"openssl", "3.0.11-1", "amd64"}}};
  snapshot.facts.sockets = std::vector<probes::Socket>{};
  const std::string baseline = dir.write("base.json", probes::snapshot_to_json(snapshot));
  options.baseline_path = baseline;
  // What comparing with a baseline reads besides packages: the socket tables and os-release.
  constexpr std::string_view k_no_sockets = "  sl  local_address rem_address   st\n";
  target.answer_output(gather::scripts::k_sockets,
                       framed({{"tcp", k_no_sockets}, {"tcp6", ""}, {"udp", k_no_sockets}, {"udp6", ""}}));
  target.answer_output(gather::scripts::k_files,
                       framed({{"path", "/etc/os-release"}, {"absent", ""}, {"path", "/usr/lib/os-release"}, {"absent", ""}}));
  ASSERT_EQ(run("3.0.11-1"), 0) << err.str() << out.str();
  const nlohmann::json configuration = statement()["predicate"]["configuration"];
  ASSERT_EQ(configuration.size(), 2u) << configuration;
  EXPECT_EQ(configuration[1]["name"], baseline);
  EXPECT_EQ(configuration[1]["digest"]["sha256"], util::sha256_hex(*util::read_text_file(baseline)));
}

}  // namespace
}  // namespace hallmark::runner::commands
