#include <stdlib.h>

#include <algorithm>
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "support/docker_fixture.hpp"
#include "support/hallmark_cli.hpp"
#include "support/registry_fixture.hpp"
#include "support/sshd_fixture.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::testing {
namespace {

// Candidates straight from a registry, as the promotion flow runs them: pushed to a real local
// registry, pulled by hallmark (--pull), certified; once per engine (GetParam()).
class ContainerRegistry : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_FALSE(debian_test_image().empty());
    // podman speaks HTTPS unless told the registry is insecure; the Docker daemon allows
    // 127.0.0.0/8 registries over HTTP by default.
    if (engine() == "podman") setenv("CONTAINERS_REGISTRIES_CONF", registry.registries_conf().c_str(), 1);
  }
  void TearDown() override { unsetenv("CONTAINERS_REGISTRIES_CONF"); }

  const std::string& engine() const { return GetParam(); }
  std::string junit() const { return (dir.path() / "report.xml").string(); }

  CliResult certify(const std::string& image, const std::string& pull) {
    return run_hallmark({"run", "--target", engine() + "-image:" + image, "--pull", pull, "--junit", junit(),
                         source_path("contracts/examples/debian12-base.toml")});
  }

  std::vector<std::string> digests_in_report() const {
    pugi::xml_document document;
    EXPECT_TRUE(document.load_file(junit().c_str()));
    std::vector<std::string> digests;
    for (const auto& node : document.select_nodes("//property[@name='target.image_digest']")) {
      digests.emplace_back(node.node().attribute("value").value());
    }
    return digests;
  }

  TestRegistry registry;
  TempDir dir;
};

TEST_P(ContainerRegistry, PulledCandidateIsCertifiedWithTheDigestThatWasPushed) {
  const std::string digest = registry.push(debian_test_image(), "core:candidate");
  ASSERT_FALSE(digest.empty());
  const std::string candidate = registry.host() + "/core:candidate";
  const CliResult result = certify(candidate, "always");
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  const std::vector<std::string> digests = digests_in_report();
  EXPECT_NE(std::find(digests.begin(), digests.end(), registry.host() + "/core@" + digest), digests.end())
      << ::testing::PrintToString(digests);
  EXPECT_TRUE(containers_from(candidate, engine()).empty());
  engine_cli(engine(), {"rmi", candidate});  // the tag only: the layers are the test image's
}

TEST_P(ContainerRegistry, ImageMissingFromTheRegistryIsExitThreeWithTheEnginesMessage) {
  const std::string missing = registry.host() + "/core:no-such-tag";
  const CliResult result = certify(missing, "always");
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_NE(result.out.find("cannot pull " + missing + ": "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("manifest unknown"), std::string::npos) << result.out;
}

TEST_P(ContainerRegistry, UnreachableRegistryIsExitThreeWithTheEnginesMessage) {
  const std::string unreachable = "127.0.0.1:" + std::to_string(free_loopback_port()) + "/core:candidate";
  const CliResult result = certify(unreachable, "missing");
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_NE(result.out.find("cannot pull " + unreachable + ": "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("connection refused"), std::string::npos) << result.out;
}

TEST_P(ContainerRegistry, PullMissingUsesTheLocalImageWithoutAskingTheRegistry) {
  // Tagged as if from a registry nobody listens on: only a pull could fail.
  const std::string local = "127.0.0.1:" + std::to_string(free_loopback_port()) + "/core:local";
  ASSERT_FALSE(image_in(engine(), debian_test_image()).empty());
  engine_cli(engine(), {"tag", debian_test_image(), local});
  const CliResult result = certify(local, "missing");
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  engine_cli(engine(), {"rmi", local});
}

INSTANTIATE_TEST_SUITE_P(Docker, ContainerRegistry, ::testing::Values("docker"), [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Podman, ContainerRegistry, ::testing::Values("podman"), [](const auto& info) { return info.param; });

}  // namespace
}  // namespace hallmark::testing
