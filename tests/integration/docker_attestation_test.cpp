// The promotion check on the demo image: hallmark run signs what it found, verify-attestation
// accepts it for that image (resolved by docker image inspect) and no other.
#include <gtest/gtest.h>

#include "support/docker_fixture.hpp"
#include "support/ed25519_keys.hpp"
#include "support/hallmark_cli.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::testing {
namespace {

TEST(DockerAttestation, DemoImageRunIsSignedAndVerifiedOnlyForThatImage) {
  const std::string& image = debian_test_image();
  ASSERT_FALSE(image.empty());
  TempDir dir;
  const Ed25519KeyFiles keys = make_ed25519_keys(dir, "release");
  const std::string attestation = (dir.path() / "attestation.dsse.json").string();
  const CliResult run = run_hallmark({"run", "--target", "docker-image:" + image, "--attestation", attestation,
                                      "--signing-key", keys.private_pem, source_path("contracts/examples/debian12-base.toml")});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;

  const std::string image_id = docker({"image", "inspect", "--format", "{{.Id}}", image});
  const std::string verified = verify_with_other_tools(attestation, keys.public_pem);
  EXPECT_NE(verified.find("openssl: OK\nsecuresystemslib: OK\n"), std::string::npos) << verified;
  EXPECT_NE(verified.find("result: PASSED\nsubject: " + image + " " + image_id.substr(7, 64)), std::string::npos) << verified;

  const CliResult accepted = run_hallmark({"verify-attestation", attestation, "--key", keys.public_pem, "--subject", image});
  EXPECT_EQ(accepted.exit_code, 0) << accepted.err;
  EXPECT_NE(accepted.out.find("attestation verified: " + image + " sha256:"), std::string::npos) << accepted.out;

  // Another image on this daemon (the apk test image) is not the one certified.
  const std::string other = build_test_image("tests/images/build-apk-image.sh");
  const CliResult refused = run_hallmark({"verify-attestation", attestation, "--key", keys.public_pem, "--subject", other});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.err.find("it does not name " + other), std::string::npos) << refused.err;

  const CliResult unknown = run_hallmark({"verify-attestation", attestation, "--key", keys.public_pem, "--subject",
                                          "hallmark-test/no-such-image:0"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("cannot resolve the subject"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace hallmark::testing
