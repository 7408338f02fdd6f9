// A whole `hallmark run` against a scripted target: the exit code a gate reads and the report
// it keeps, decided without Docker.
#include "runner/commands/run_command.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "runner/gather/embedded_scripts.hpp"
#include "support/fake_transport.hpp"
#include "support/temp_dir.hpp"
#include "support/text_assertions.hpp"
#include "util/text_file.hpp"

namespace hallmark::runner::commands {
namespace {

using testing::framed;

constexpr std::string_view k_contract = R"(
[contract]
name = "fake"
version = "1.0.0"

[[package]]
name = "openssl"
version = ">= 3"
)";

class RunCommandFake : public ::testing::Test {
 protected:
  RunCommandFake() {
    options.contract_files = {dir.write("fake.toml", k_contract)};
    options.targets = {"docker:candidate"};
    options.junit_path = (dir.path() / "report.xml").string();
  }

  void installed(std::string_view version) {
    db = fmt::format("Package: openssl\nStatus: install ok installed\nArchitecture: amd64\nVersion: {}\n", version);
    target.answer_output(gather::scripts::k_packages, framed({{"scheme", "dpkg"}, {"db", db}}));
  }

  int run(std::optional<std::string> open_error = std::nullopt) {
    const TargetOpener open = [&](const targets::TargetSpec& spec, const targets::TargetOptions&) -> targets::OpenResult {
      if (open_error) return std::unexpected(*open_error);
      return std::make_unique<testing::FakeTarget>(target, probes::Provenance{.target = spec.text, .image_id = "sha256:feed"});
    };
    return run_contracts(options, out, err, open);
  }

  std::string junit() const { return util::read_text_file(*options.junit_path).value_or(""); }

  testing::TempDir dir;
  testing::FakeTransport target;
  RunOptions options;
  std::string db;
  std::ostringstream out, err;
};

TEST_F(RunCommandFake, ContractThatHoldsExitsZero) {
  installed("3.0.11-1");
  EXPECT_EQ(run(), 0) << err.str();
  EXPECT_TRUE(testing::contains(junit(), "tests=\"1\" failures=\"0\" errors=\"0\""));
  EXPECT_TRUE(testing::contains(junit(), "sha256:feed"));
}

TEST_F(RunCommandFake, ViolatedBlockingClauseExitsOne) {
  installed("1.1.1w-0");
  EXPECT_EQ(run(), 1);
  EXPECT_TRUE(testing::contains(junit(), "<failure type=\"violation\""));
}

TEST_F(RunCommandFake, TargetThatCannotBeOpenedExitsThreeWithEveryClauseAnError) {
  EXPECT_EQ(run("docker daemon not running"), 3);
  EXPECT_TRUE(testing::contains(junit(), "errors=\"1\""));
  EXPECT_TRUE(testing::contains(junit(), "docker daemon not running"));
}

TEST_F(RunCommandFake, ATargetProblemsDetailsAppearOnceWithTheSuiteNotInEveryClause) {
  EXPECT_EQ(run("the VM did not come up: qemu exited\n--- serial console ---\nNo bootable device."), 3);
  EXPECT_TRUE(testing::contains(junit(), "message=\"the VM did not come up: qemu exited\""));
  EXPECT_EQ(junit().find("No bootable device."), junit().rfind("No bootable device.")) << junit();
  EXPECT_TRUE(testing::contains(junit(), "<system-err>the VM did not come up: qemu exited\n--- serial console ---\nNo bootable device."))
      << junit();
}

TEST_F(RunCommandFake, QemuTargetWithoutAnyWayToLogInExitsTwoBeforeBooting) {
  const char* agent = std::getenv("SSH_AUTH_SOCK");
  const std::optional<std::string> saved = agent ? std::optional<std::string>(agent) : std::nullopt;
  unsetenv("SSH_AUTH_SOCK");
  options.targets = {"qemu:/images/never-booted.qcow2"};
  EXPECT_EQ(run(), 2);
  if (saved) setenv("SSH_AUTH_SOCK", saved->c_str(), 1);
  EXPECT_TRUE(testing::contains(err.str(), "qemu:/images/never-booted.qcow2: a qemu target needs a way to log in: --cloud-init")) << err.str();
  EXPECT_TRUE(target.calls().empty());
}

TEST_F(RunCommandFake, UnreadablePackageDatabaseIsNeverAPass) {
  target.answer_output(gather::scripts::k_packages, framed({{"scheme", "dpkg"}}, false));
  EXPECT_EQ(run(), 3);
  EXPECT_TRUE(testing::contains(junit(), "<error"));
}

TEST_F(RunCommandFake, InvalidContractExitsTwoAndOpensNothing) {
  options.contract_files = {dir.write("bad.toml", "[contract]\nname = \"x\"\n")};
  EXPECT_EQ(run(), 2);
  EXPECT_TRUE(target.calls().empty());
}

}  // namespace
}  // namespace hallmark::runner::commands
