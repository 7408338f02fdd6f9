#include <filesystem>
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "support/docker_fixture.hpp"
#include "support/hallmark_cli.hpp"
#include "support/junit_schema.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::testing {
namespace {

// Gate semantics end to end against the Debian test image: waivers, includes, selection,
// service life, several targets, and the bug-closing workflow; once per engine (GetParam()).
class ContainerGate : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_FALSE(debian_test_image().empty());
    ASSERT_FALSE(image_in(engine(), debian_test_image()).empty());
  }
  const std::string& engine() const { return GetParam(); }

  CliResult run(std::vector<std::string> args) {
    std::vector<std::string> full{"run", "--target", engine() + "-image:" + debian_test_image(), "--junit", junit()};
    full.insert(full.end(), args.begin(), args.end());
    return run_hallmark(full);
  }
  std::string junit() const { return (dir.path() / "report.xml").string(); }
  std::string include_fixture(const std::string& name) const { return source_path("tests/data/contracts/includes/" + name); }

  // "<verdict element>: <message>" of a testcase, "pass" when it has none.
  std::string verdict_of(const std::string& name) const {
    pugi::xml_document document;
    EXPECT_TRUE(document.load_file(junit().c_str()));
    const auto testcase = document.select_node(("//testcase[@name='" + name + "']").c_str()).node();
    if (!testcase) return "missing";
    for (const char* element : {"failure", "error", "skipped"}) {
      if (const auto node = testcase.child(element)) return std::string(element) + ": " + node.attribute("message").value();
    }
    return "pass";
  }

  std::string property(const std::string& name) const {
    pugi::xml_document document;
    EXPECT_TRUE(document.load_file(junit().c_str()));
    return document.select_node(("//property[@name='" + name + "']").c_str()).node().attribute("value").value();
  }

  TempDir dir;
};

TEST_P(ContainerGate, LiveWaiverTurnsTheFailureIntoASkipAndTheGatePasses) {
  const CliResult result = run({include_fixture("overlay.toml")});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(verdict_of("file./etc/passwd"),
            "skipped: waived until 2099-12-31 (RHBZ#2200: fixed build ships in 12.6); actual: /etc/passwd: mode 0644");
  EXPECT_EQ(verdict_of("package.telnetd"), "pass");  // from the included file
  EXPECT_EQ(property("waiver.file./etc/passwd"), "RHBZ#2200 until 2099-12-31: fixed build ships in 12.6");
  EXPECT_TRUE(property("contract.include").starts_with(include_fixture("common/security.toml") + " sha256:"));
  EXPECT_EQ(validate_junit(junit()), "");
}

TEST_P(ContainerGate, ExpiredWaiverBlocksAgain) {
  const CliResult result = run({include_fixture("expired-waiver.toml")});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_EQ(verdict_of("file./etc/passwd"),
            "failure: expected /etc/passwd: exists, mode 0600; actual /etc/passwd: mode 0644 (waiver RHBZ#2200 expired on 2020-01-01)");
}

TEST_P(ContainerGate, SelectionChecksOnlyTheChosenClausesAndSaysSo) {
  const CliResult result = run({"--only", "security", "--skip", "slow", source_path("contracts/examples/debian12-base.toml")});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(verdict_of("package.telnetd [SEC-101]"), "pass");
  EXPECT_EQ(verdict_of("package.openssh-server"), "missing");
  EXPECT_EQ(property("selection"), "--only security --skip slow");
  EXPECT_EQ(run({"--clause", "package.nope", source_path("contracts/examples/debian12-base.toml")}).exit_code, 2);
}

TEST_P(ContainerGate, EndedServiceLifeWarnsAndBlocksWhenStrict) {
  const std::string contract = dir.write("old.toml", "[contract]\nname = \"old\"\nversion = \"1.0.0\"\nsupport_until = 2020-01-31\n"
                                                      "[[package]]\nname = \"dpkg\"\n");
  const CliResult warned = run({contract});
  EXPECT_EQ(warned.exit_code, 0) << warned.out << warned.err;
  EXPECT_TRUE(verdict_of("lifecycle.support_until").starts_with("skipped: warning: expected contract old 1.0.0 in service until 2020-01-31"))
      << verdict_of("lifecycle.support_until");
  const CliResult strict = run({"--strict-lifecycle", contract});
  EXPECT_EQ(strict.exit_code, 1) << strict.out;
  EXPECT_NE(strict.out.find("the contract's service life ended on 2020-01-31"), std::string::npos) << strict.out;
}

TEST_P(ContainerGate, CheckListsWhatExpiresSoon) {
  const std::string contract = dir.write("soon.toml", "[contract]\nname = \"soon\"\nversion = \"1.0.0\"\nsupport_until = 2020-01-31\n"
                                                       "[[package]]\nname = \"dpkg\"\n[[waiver]]\nclause = \"package.dpkg\"\n"
                                                       "bug = \"B#1\"\njustification = \"j\"\nexpires = 2099-01-01\n");
  const CliResult result = run_hallmark({"check", "--expiring-within", "30d", contract});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("contract soon service life ended in "), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("waiver of package.dpkg"), std::string::npos) << result.out;  // not within 30 days
}

TEST_P(ContainerGate, SeveralTargetsAreSeveralSuites) {
  const TestContainer running({debian_test_image(), "sleep", "300"}, engine());
  const CliResult result = run({"--target", engine() + ":" + running.name(), source_path("tests/data/contracts/service.toml")});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;  // nothing listens on 22 in either
  pugi::xml_document document;
  ASSERT_TRUE(document.load_file(junit().c_str()));
  EXPECT_EQ(document.select_nodes("//testsuite").size(), 2u);
  EXPECT_TRUE(document.select_node(("//testsuite[@name='service@" + engine() + ":" + running.name() + "']").c_str()).node());
  EXPECT_EQ(validate_junit(junit()), "");
}

TEST_P(ContainerGate, AddedRegressionRunsAgainstTheImage) {
  const std::string contract = dir.write("base.toml", "# the base contract\n[contract]\nname = \"base\"\nversion = \"1.0.0\"\n\n"
                                                       "[[package]]\nname = \"dpkg\"  # keep me\n");
  const CliResult added = run_hallmark({"add", "regression", "--contract", contract, "--bug", "BZ#123", "--run",
                                        "readlink -f /bin/sh", "--expect-stdout", "/usr/bin/dash"});
  EXPECT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out, contract + ":9:1: added regression.bz-123 guarding BZ#123\n");
  const std::string text = read_file(contract);
  EXPECT_TRUE(text.starts_with("# the base contract\n[contract]\nname = \"base\"\nversion = \"1.0.0\"\n\n[[package]]\n"
                               "name = \"dpkg\"  # keep me\n\n[[regression]]\nbug = 'BZ#123'\n"))
      << text;
  const CliResult result = run({contract});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(verdict_of("regression.bz-123 [BZ#123]"), "pass");
}

INSTANTIATE_TEST_SUITE_P(Docker, ContainerGate, ::testing::Values("docker"), [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Podman, ContainerGate, ::testing::Values("podman"), [](const auto& info) { return info.param; });

}  // namespace
}  // namespace hallmark::testing
