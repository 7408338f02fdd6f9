#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "runner/transports/process.hpp"
#include "runner/transports/ssh_transport.hpp"
#include "tests/support/hallmark_cli.hpp"
#include "tests/support/sshd_fixture.hpp"
#include "tests/support/text_assertions.hpp"

namespace hallmark::runner {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using hallmark::testing::SshTestKeys;

using hallmark::testing::contains;
using hallmark::testing::read_file;

// tests/data/contracts/ssh-local.toml.in with the port filled in, written beside the keys.
std::string local_contract(const SshTestKeys& keys, int port) {
  std::string text = read_file(HALLMARK_SOURCE_DIR "/tests/data/contracts/ssh-local.toml.in");
  const std::string placeholder = "@SSHD_PORT@";
  for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at)) {
    text.replace(at, placeholder.size(), std::to_string(port));
  }
  const std::string path = keys.dir() + "/ssh-local.toml";
  std::ofstream(path) << text;
  return path;
}

struct HallmarkRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
  std::string junit;
};

// `hallmark run CONTRACT --target ssh:USER@127.0.0.1:PORT` with the test keys, more args after.
HallmarkRun run_hallmark(const std::string& contract, const SshTestKeys& keys, const std::string& user, int port,
                         const std::vector<std::string>& more = {}) {
  const std::string junit = keys.dir() + "/report.xml";
  std::vector<std::string> argv{HALLMARK_BINARY, "run", contract, "--target",
                                fmt::format("ssh:{}@127.0.0.1:{}", user, port), "--identity", keys.user_key(),
                                "--known-hosts", keys.known_hosts(), "--accept-new-host-key", "--junit", junit};
  argv.insert(argv.end(), more.begin(), more.end());
  const auto result = transports::run_process(argv, {}, 300s);
  if (!result) return {-1, result.error(), ""};
  return {result->timed_out ? -1 : result->exit_code, result->out + result->err, read_file(junit)};
}

TEST(SshRun, ContractThatHoldsOverSshExitsZero) {
  hallmark::testing::Sshd sshd;
  const auto run = run_hallmark(local_contract(sshd.keys(), sshd.port()), sshd.keys(), "root", sshd.port());
  EXPECT_EQ(run.exit_code, 0) << run.output << run.junit;
  EXPECT_TRUE(contains(run.output, fmt::format("over ssh root@127.0.0.1:{}", sshd.port())));
  EXPECT_FALSE(contains(run.junit, "<failure"));
  EXPECT_FALSE(contains(run.junit, "<error"));
}

TEST(SshRun, ViolatedContractOverSshExitsOne) {
  hallmark::testing::Sshd sshd;
  const auto run = run_hallmark(HALLMARK_SOURCE_DIR "/tests/data/contracts/ssh-violated.toml", sshd.keys(), "root",
                                sshd.port());
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(contains(run.junit, "/nonexistent/hallmark-ssh-test-marker does not exist"));
}

TEST(SshRun, DeadSshdExitsThreeWithErrorsInTheJunitReport) {
  hallmark::testing::Sshd sshd;
  const int port = sshd.port();
  sshd.stop();
  const auto run = run_hallmark(local_contract(sshd.keys(), port), sshd.keys(), "root", port);
  EXPECT_EQ(run.exit_code, 3) << run.output;
  EXPECT_TRUE(contains(run.junit, "<error"));
  EXPECT_TRUE(contains(run.junit, fmt::format("cannot connect to root@127.0.0.1:{}", port)));
}

TEST(SshRun, SudoRefusalIsAnErrorNamingSudoNotAViolation) {
  hallmark::testing::Sshd sshd;
  const hallmark::testing::TemporaryUser user;
  const auto run =
      run_hallmark(local_contract(sshd.keys(), sshd.port()), sshd.keys(), user.name(), sshd.port(), {"--sudo"});
  EXPECT_EQ(run.exit_code, 4) << run.output;  // deterministic: a retry cannot make sudo agree
  EXPECT_TRUE(contains(run.junit, "sudo refused: "));
  EXPECT_FALSE(contains(run.junit, "<failure"));
}

TEST(SshRun, SudoRunsFactGatheringAsRoot) {
  ASSERT_TRUE(fs::exists("/usr/bin/sudo")) << "sudo is not installed (.ci/setup installs it)";
  hallmark::testing::Sshd sshd;
  const auto run =
      run_hallmark(local_contract(sshd.keys(), sshd.port()), sshd.keys(), "root", sshd.port(), {"--sudo"});
  EXPECT_EQ(run.exit_code, 0) << run.output << run.junit;
}

TEST(SshContainer, ContractHoldsInADebianContainerReachedOverSsh) {
  ASSERT_TRUE(hallmark::testing::docker_available()) << "no Docker daemon answers `docker info` (.ci/setup starts one)";
  const hallmark::testing::SshdContainer container;
  // First make sure the connection reaches the container, not this machine.
  const auto transport = transports::connect_ssh(container.endpoint(), container.keys().client_options());
  ASSERT_TRUE(transport.has_value()) << transport.error();
  const auto marker = (*transport)->exec({"test", "-f", "/etc/hallmark-test-image"}, {}, 10s);
  ASSERT_TRUE(marker.has_value()) << marker.error();
  EXPECT_EQ(marker->exit_code, 0) << "not inside the hallmark-test/debian12 container";

  const auto run =
      run_hallmark(local_contract(container.keys(), container.port()), container.keys(), "root", container.port());

  EXPECT_EQ(run.exit_code, 0) << run.output << run.junit;
  EXPECT_FALSE(contains(run.junit, "<failure"));
  EXPECT_FALSE(contains(run.junit, "<error"));
}

}  // namespace
}  // namespace hallmark::runner
