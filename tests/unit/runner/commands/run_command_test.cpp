// A whole `hallmark run` against a scripted target: the exit code a gate reads and the report
// it keeps, decided without Docker.
#include "runner/commands/run_command.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
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

TEST_F(RunCommandFake, BrokenRpmDatabaseExitsFourNeverPassingAPromiseOfAbsence) {
  options.contract_files = {dir.write("absent.toml", "[contract]\nname = \"fake\"\nversion = \"1.0.0\"\n"
                                                     "[[package]]\nname = \"telnet-server\"\ninstalled = false\n")};
  target.answer_output(gather::scripts::k_packages, framed({{"scheme", "rpm"}, {"db", ""}, {"status", "1"},
                                                             {"stderr", "error: sqlite failure: file is not a database"}}));
  EXPECT_EQ(run(), 4);
  EXPECT_TRUE(testing::contains(junit(), "<error type=\"deterministic\" message=\"package database unreadable: rpm -qa exited 1: "
                                         "error: sqlite failure: file is not a database\""))
      << junit();
}

TEST_F(RunCommandFake, RetryableErrorsSayInfrastructureInTheReport) {
  EXPECT_EQ(run("docker daemon not running"), 3);
  EXPECT_TRUE(testing::contains(junit(), "<error type=\"infrastructure\" message=\"docker daemon not running\"")) << junit();
}

TEST_F(RunCommandFake, ExceptionInTheRunExitsSeventyAndTheReportIsStillWritten) {
  installed("3.0.11-1");
  const TargetOpener open = [](const targets::TargetSpec&, const targets::TargetOptions&) -> targets::OpenResult {
    throw std::logic_error("impossible state");
  };
  EXPECT_EQ(run_contracts(options, out, err, open), 70);
  EXPECT_TRUE(testing::contains(junit(), "<error type=\"internal\" message=\"hallmark failed: impossible state\"")) << junit();
}

TEST_F(RunCommandFake, AReportThatCannotBeWrittenDoesNotKeepTheOtherFromBeingWritten) {
  installed("3.0.11-1");
  options.junit_path = (dir.path() / "no-such-dir" / "report.xml").string();
  options.json_path = (dir.path() / "report.json").string();
  EXPECT_EQ(run(), 3);
  EXPECT_TRUE(util::read_text_file(*options.json_path).has_value());
  EXPECT_TRUE(testing::contains(err.str(), "report.xml"));
}

TEST_F(RunCommandFake, LabelNamesTheTargetInSuiteAndClassname) {
  installed("3.0.11-1");
  options.labels = {"core-12.6"};
  EXPECT_EQ(run(), 0);
  EXPECT_TRUE(testing::contains(junit(), "<testsuite name=\"fake@core-12_6\"")) << junit();
  EXPECT_TRUE(testing::contains(junit(), "classname=\"fake@core-12_6.package\""));
}

TEST_F(RunCommandFake, MoreLabelsThanTargetsIsAUsageError) {
  options.labels = {"a", "b"};
  EXPECT_EQ(run(), 2);
  EXPECT_TRUE(target.calls().empty());
}

TEST_F(RunCommandFake, InvalidContractExitsTwoAndOpensNothing) {
  options.contract_files = {dir.write("bad.toml", "[contract]\nname = \"x\"\n")};
  EXPECT_EQ(run(), 2);
  EXPECT_TRUE(target.calls().empty());
}

// Opens targets that stay "booting" until `expected` of them are booting at once (or a second
// has passed), recording the most that ever were, and the order in which they finished.
struct ConcurrencyProbe {
  std::mutex mutex;
  std::condition_variable changed;
  int booting = 0, most = 0;
  std::vector<std::string> finished;

  void boot(const std::string& name, int expected) {
    std::unique_lock lock(mutex);
    most = std::max(most, ++booting);
    changed.notify_all();
    changed.wait_for(lock, std::chrono::seconds{1}, [&] { return booting >= expected; });
    // The first target is the slowest to finish, so a report in finishing order would be wrong.
    if (name.ends_with(":a")) changed.wait_for(lock, std::chrono::seconds{1}, [&] { return finished.size() >= 2; });
    --booting;
    finished.push_back(name);
    changed.notify_all();
  }
};

TEST_F(RunCommandFake, TargetsAreCheckedSideBySideAndReportedInTheOrderGiven) {
  installed("3.0.11-1");
  options.targets = {"docker:a", "docker:b", "docker:c"};
  options.parallel = 3;
  ConcurrencyProbe probe;
  const TargetOpener open = [&](const targets::TargetSpec& spec, const targets::TargetOptions&) -> targets::OpenResult {
    probe.boot(spec.text, 3);
    return std::make_unique<testing::FakeTarget>(target, probes::Provenance{.target = spec.text});
  };
  EXPECT_EQ(run_contracts(options, out, err, open), 0) << err.str();
  EXPECT_EQ(probe.most, 3);
  EXPECT_EQ(probe.finished.back(), "docker:a");
  const std::string report = junit();
  EXPECT_LT(report.find("docker:a"), report.find("docker:b"));
  EXPECT_LT(report.find("docker:b"), report.find("docker:c"));
}

TEST_F(RunCommandFake, ParallelOneChecksOneTargetAtATime) {
  installed("3.0.11-1");
  options.targets = {"docker:a", "docker:b", "docker:c"};
  options.parallel = 1;
  ConcurrencyProbe probe;
  const TargetOpener open = [&](const targets::TargetSpec& spec, const targets::TargetOptions&) -> targets::OpenResult {
    probe.boot(spec.text, 3);
    return std::make_unique<testing::FakeTarget>(target, probes::Provenance{.target = spec.text});
  };
  EXPECT_EQ(run_contracts(options, out, err, open), 0) << err.str();
  EXPECT_EQ(probe.most, 1);
  EXPECT_EQ(probe.finished, (std::vector<std::string>{"docker:a", "docker:b", "docker:c"}));
}

}  // namespace
}  // namespace hallmark::runner::commands
