#include <csignal>
#include <filesystem>
#include <gtest/gtest.h>
#include <pugixml.hpp>
#include <iterator>
#include <sstream>
#include <thread>

#include "support/docker_fixture.hpp"
#include "support/hallmark_cli.hpp"
#include "support/junit_schema.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::testing {
namespace {

using namespace std::chrono_literals;

// hallmark against real containers of the Debian 12 test image, through a real Docker daemon
// (DockerRun) or through the same cases instantiated for each engine (ContainerRun).
class DockerRun : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(debian_test_image().empty()); }

  std::string junit_path() const { return (dir.path() / "report.xml").string(); }

  // The <failure>/<error> message of one testcase, or "" when it has none.
  std::string problem_of(const std::string& clause_id) const {
    pugi::xml_document document;
    EXPECT_TRUE(document.load_file(junit_path().c_str()));
    const auto testcase = document.select_node(("//testcase[@name='" + clause_id + "']").c_str()).node();
    EXPECT_TRUE(testcase) << "no testcase " << clause_id;
    for (const char* element : {"failure", "error"}) {
      if (const auto node = testcase.child(element)) return std::string(element) + ": " + node.attribute("message").value();
    }
    return "";
  }

  // The values of the report's <property> elements called `name`, in order.
  std::vector<std::string> properties_named(const std::string& name) const {
    pugi::xml_document document;
    EXPECT_TRUE(document.load_file(junit_path().c_str()));
    std::vector<std::string> values;
    for (const auto& node : document.select_nodes(("//property[@name='" + name + "']").c_str())) {
      values.emplace_back(node.node().attribute("value").value());
    }
    return values;
  }

  TempDir dir;
};

// The cases every container engine must pass alike; GetParam() is the engine's CLI name.
class ContainerRun : public DockerRun, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    DockerRun::SetUp();
    ASSERT_FALSE(image_in(engine(), debian_test_image()).empty());
  }
  const std::string& engine() const { return GetParam(); }
  std::string booted(const std::string& image) const { return engine() + "-image:" + image; }
};

TEST_P(ContainerRun, ExampleContractPassesAndLeavesNoContainer) {
  const TestImageTag image(debian_test_image(), {}, engine());
  const CliResult result = run_hallmark({"run", "--target", booted(image.tag()), "--junit", junit_path(),
                                         source_path("contracts/examples/debian12-base.toml")});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("0 blocking failures, 0 errors"), std::string::npos) << result.out;
  EXPECT_EQ(validate_junit(junit_path()), "");
  EXPECT_TRUE(containers_from(image.tag(), engine()).empty());
}

TEST_P(ContainerRun, ProvenanceHasTheImageIdAndDigests) {
  const CliResult result = run_hallmark({"run", "--target", booted(debian_test_image()), "--junit", junit_path(),
                                         source_path("tests/data/contracts/service.toml")});
  EXPECT_NE(result.exit_code, 3) << result.out << result.err;
  // docker prints "sha256:HEX", podman "HEX": hallmark records "sha256:HEX" for both.
  std::string id = engine_cli(engine(), {"image", "inspect", "--format", "{{.Id}}", debian_test_image()});
  id = id.substr(id.find(':') == std::string::npos ? 0 : id.find(':') + 1, 64);
  EXPECT_EQ(properties_named("target.image_id"), std::vector<std::string>{"sha256:" + id});
  std::istringstream listed(
      engine_cli(engine(), {"image", "inspect", "--format", "{{range .RepoDigests}}{{.}} {{end}}", debian_test_image()}));
  std::vector<std::string> digests{std::istream_iterator<std::string>(listed), {}};
  EXPECT_EQ(properties_named("target.image_digest"), digests);
}

TEST_P(ContainerRun, EachProbeKindReportsItsViolation) {
  const CliResult result = run_hallmark({"run", "--target", booted(debian_test_image()), "--junit", junit_path(),
                                         source_path("tests/data/contracts/violations.toml")});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_TRUE(problem_of("package.openssl").starts_with("failure: expected openssl installed, version >= 99; actual openssl 3."));
  EXPECT_TRUE(problem_of("package.dpkg").starts_with("failure: expected dpkg not installed; actual dpkg 1.21"));
  EXPECT_EQ(problem_of("file./etc/passwd"), "failure: expected /etc/passwd: exists, mode 0600; actual /etc/passwd: mode 0644");
  EXPECT_EQ(problem_of("file./etc/hostname"), "failure: expected /etc/hostname absent; actual /etc/hostname exists (file)");
  EXPECT_EQ(problem_of("sysctl.kernel.randomize_va_space"),
            "failure: expected kernel.randomize_va_space = 0; actual kernel.randomize_va_space = 2");
  EXPECT_EQ(problem_of("port.tcp-22"), "failure: expected tcp port 22 listening; actual nothing listens on tcp port 22");
  EXPECT_EQ(problem_of("german-locale [BZ#4242]"),
            "failure: expected `locale -a`: exit 0, stdout contains \"de_DE.utf8\"; actual stdout does not contain \"de_DE.utf8\"");
  EXPECT_NE(result.out.find("FAIL  german-locale"), std::string::npos) << result.out;
  EXPECT_EQ(problem_of("kernel").substr(0, 51), "failure: expected kernel release matches /^0\\.0\\./;");
  EXPECT_EQ(problem_of("service.ssh.service"),
            "failure: expected ssh.service masked; actual ssh.service enabled (/lib/systemd/system/ssh.service)");
  EXPECT_EQ(problem_of("user.sshd"), "failure: expected user sshd shell /bin/bash; actual user sshd uid 100, gid 65534, "
                                     "home /run/sshd, shell /usr/sbin/nologin");
  EXPECT_EQ(problem_of("group.shadow"), "failure: expected group shadow gid 43; actual group shadow gid 42, members (none)");
  EXPECT_TRUE(problem_of("os").starts_with("failure: expected os-release ID=debian, VERSION_ID >= 13; actual os-release "
                                           "ID=debian, VERSION_ID=12,"))
      << problem_of("os");
  EXPECT_EQ(problem_of("symbols.libc.so.6"),
            "failure: expected libc.so.6: exports memcpy@GLIBC_9.99 hallmark_no_such_symbol; actual "
            "/lib/x86_64-linux-gnu/libc.so.6: does not export memcpy@GLIBC_9.99 hallmark_no_such_symbol");
  EXPECT_NE(problem_of("glibc-ceiling").find("needs GLIBC_2."), std::string::npos) << problem_of("glibc-ceiling");
  EXPECT_NE(problem_of("file./etc/debian_version").find("has sha256 "), std::string::npos);
  EXPECT_EQ(problem_of("regression.bz-9 [BZ#9]"),
            "failure: expected `echo fixed`: exit 0, stdout matches /^broken$/; actual stdout does not match /^broken$/");
  EXPECT_EQ(validate_junit(junit_path()), "");
}

TEST_F(DockerRun, ShellMetacharactersInContractValuesAreNeverExecuted) {
  const TestContainer container({debian_test_image(), "sleep", "300"});
  const CliResult result = run_hallmark({"run", "--target", "docker:" + container.name(), "--junit", junit_path(),
                                         source_path("tests/data/contracts/injection.toml")});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  const std::string created = docker({"exec", container.name(), "sh", "-c", "ls /tmp | grep pwned || true"});
  EXPECT_EQ(created, "");
  EXPECT_EQ(problem_of("file./tmp/x; touch /tmp/pwned-file"), "");
}

TEST_P(ContainerRun, AttachedContainerIsLeftRunning) {
  const TestContainer container({debian_test_image(), "sleep", "300"}, engine());
  const CliResult result = run_hallmark(
      {"run", "--target", engine() + ":" + container.name(), source_path("contracts/examples/debian12-base.toml")});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(engine_cli(engine(), {"inspect", "-f", "{{.State.Running}}", container.name()}), "true\n");
}

TEST_P(ContainerRun, ContainerKilledMidRunTurnsRemainingClausesIntoErrors) {
  const TestImageTag image(debian_test_image(), {}, engine());
  BackgroundHallmark hallmark({"run", "--target", booted(image.tag()), "--junit", junit_path(),
                               source_path("tests/data/contracts/slow.toml")},
                              (dir.path() / "out.txt").string());
  std::vector<std::string> running;
  for (int i = 0; i < 200 && running.empty(); ++i) {
    std::this_thread::sleep_for(50ms);
    running = containers_from(image.tag(), engine());
  }
  ASSERT_EQ(running.size(), 1u);
  std::this_thread::sleep_for(2s);  // the slow command is now running
  engine_cli(engine(), {"kill", running.front()});
  EXPECT_EQ(hallmark.wait(60s), 3) << read_file((dir.path() / "out.txt").string());
  EXPECT_TRUE(problem_of("slow-step").starts_with("error: ")) << problem_of("slow-step");
  EXPECT_NE(read_file(junit_path()).find("is not running"), std::string::npos) << read_file(junit_path());
  EXPECT_EQ(validate_junit(junit_path()), "");
  EXPECT_TRUE(containers_from(image.tag(), engine()).empty());
}

// SIGINT (a terminal's ^C) and SIGTERM (CI cancelling the job) both remove the container.
TEST_P(ContainerRun, InterruptAndTerminateTearDownTheBootedContainer) {
  for (const int signal : {SIGINT, SIGTERM}) {
    const TestImageTag image(debian_test_image(), {}, engine());
    BackgroundHallmark hallmark({"run", "--target", booted(image.tag()), source_path("tests/data/contracts/slow.toml")},
                                (dir.path() / "out.txt").string());
    for (int i = 0; i < 200 && containers_from(image.tag(), engine()).empty(); ++i) std::this_thread::sleep_for(50ms);
    ASSERT_FALSE(containers_from(image.tag(), engine()).empty());
    hallmark.signal(signal);
    EXPECT_EQ(hallmark.wait(60s), 128 + signal);
    EXPECT_TRUE(containers_from(image.tag(), engine()).empty()) << "signal " << signal;
    EXPECT_NE(read_file((dir.path() / "out.txt").string()).find("tearing down"), std::string::npos);
  }
}

TEST_P(ContainerRun, ImageCommandBootRunsTheImagesOwnService) {
  const TestImageTag image(debian_test_image(), {R"(CMD ["/usr/sbin/sshd", "-D", "-e"])"}, engine());
  const CliResult result = run_hallmark({"run", "--target", booted(image.tag()), "--boot", "image-command",
                                         source_path("tests/data/contracts/service.toml")});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(containers_from(image.tag(), engine()).empty());
}

TEST_P(ContainerRun, ServiceThatExitsEarlyHasItsLogInTheReport) {
  const TestImageTag image(debian_test_image(), {R"(CMD ["/bin/sh", "-c", "echo 'fatal: /etc/app.conf missing' >&2; exit 3"])"},
                           engine());
  const CliResult result = run_hallmark({"run", "--target", booted(image.tag()), "--boot", "image-command",
                                         "--junit", junit_path(), source_path("tests/data/contracts/service.toml")});
  EXPECT_EQ(result.exit_code, 4) << result.out << result.err;
  const std::string report = read_file(junit_path());
  EXPECT_NE(report.find("fatal: /etc/app.conf missing"), std::string::npos) << report;
  EXPECT_TRUE(problem_of("port.tcp-22").starts_with("error: the container from")) << problem_of("port.tcp-22");
  EXPECT_EQ(validate_junit(junit_path()), "");
  EXPECT_TRUE(containers_from(image.tag(), engine()).empty());
}

TEST_P(ContainerRun, MissingImageIsInfrastructureTrouble) {
  const CliResult result = run_hallmark({"run", "--target", booted("hallmark-test/no-such-image:1"), "--junit",
                                         junit_path(), source_path("contracts/examples/debian12-base.toml")});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_NE(result.out.find("image hallmark-test/no-such-image:1 is not available locally"), std::string::npos) << result.out;
  EXPECT_EQ(validate_junit(junit_path()), "");
}

TEST_F(DockerRun, InvalidContractRunsNothingAndExitsTwo) {
  const TestImageTag image(debian_test_image());
  const std::string contract = source_path("tests/data/contracts/broken.toml");
  const CliResult result = run_hallmark({"run", "--target", "docker-image:" + image.tag(), contract});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, contract + ":7:1: unknown key 'verison' in [[package]]; did you mean 'version'?\n");
  EXPECT_EQ(result.out.find("opening"), std::string::npos);
  EXPECT_TRUE(containers_from(image.tag()).empty());
}

// The example contract of each package family holds on its image, and violations are judged
// by that family's own version ordering on its real database.
TEST_P(ContainerRun, RpmFamilyExampleHoldsAndViolationsUseRpmOrdering) {
  const std::string image = image_in(engine(), build_test_image("tests/images/build-rpm-image.sh"));
  ASSERT_FALSE(image.empty());
  const CliResult example = run_hallmark({"run", "--target", booted(image), "--junit", junit_path(),
                                          source_path("contracts/examples/rhel9-base.toml")});
  EXPECT_EQ(example.exit_code, 0) << example.out << example.err;
  EXPECT_EQ(validate_junit(junit_path()), "");
  const CliResult violated = run_hallmark({"run", "--target", booted(image), "--junit", junit_path(),
                                           source_path("tests/data/contracts/rpm-violations.toml")});
  EXPECT_EQ(violated.exit_code, 1) << violated.out << violated.err;
  EXPECT_EQ(problem_of("package.openssl-libs"), "failure: expected openssl-libs installed, version >= 1:3.0.7-26.el9; "
                                                "actual openssl-libs 1:3.0.7-25.el9 (x86_64) installed");
  EXPECT_NE(problem_of("package.kernel-core").find("5.14.0-362.el9 (x86_64)"), std::string::npos);
  EXPECT_NE(problem_of("package.kernel-core").find("5.14.0-427.el9 (x86_64)"), std::string::npos);
  EXPECT_EQ(problem_of("package.hallmark-demo"),
            "failure: expected hallmark-demo installed, version < 1.0; actual hallmark-demo 1.0^git1-1.el9 (noarch) installed");
  EXPECT_EQ(problem_of("package.bash"), "failure: expected bash installed, arch aarch64; actual bash is not installed");
}

TEST_F(DockerRun, ApkFamilyExampleHoldsAndViolationsUseApkOrdering) {
  const std::string image = build_test_image("tests/images/build-apk-image.sh");
  const CliResult example = run_hallmark({"run", "--target", "docker-image:" + image, "--junit", junit_path(),
                                          source_path("contracts/examples/alpine319-base.toml")});
  EXPECT_EQ(example.exit_code, 0) << example.out << example.err;
  const CliResult violated = run_hallmark({"run", "--target", "docker-image:" + image, "--junit", junit_path(),
                                           source_path("tests/data/contracts/apk-violations.toml")});
  EXPECT_EQ(violated.exit_code, 1) << violated.out << violated.err;
  EXPECT_EQ(problem_of("package.musl"), "failure: expected musl installed, version < 1.2.4; "
                                        "actual musl 1.2.4_git20230717-r4 (x86_64) installed");
  EXPECT_EQ(problem_of("package.libssl3"), "failure: expected libssl3 installed, version >= 3.1.4-r6; "
                                           "actual libssl3 3.1.4-r5 (x86_64) installed");
  EXPECT_EQ(problem_of("service.crond.service"),
            "failure: expected crond.service enabled; actual crond.service disabled (/etc/init.d/crond)");
}

// An image whose whole userland is busybox-static (no coreutils, no GNU stat or timeout, no
// dynamic loader) with the Alpine skeleton: every clause kind of the Alpine example is judged
// through busybox's own applets, and every one passes.
TEST_F(DockerRun, BusyboxOnlyImageHoldsEveryKindOfTheAlpineExample) {
  const std::string image = build_test_image("tests/images/build-busybox-image.sh");
  ASSERT_FALSE(image.empty());
  const CliResult result = run_hallmark({"run", "--target", "docker-image:" + image, "--junit", junit_path(),
                                         source_path("contracts/examples/alpine319-base.toml")});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("19 passed, 0 blocking failures, 0 errors"), std::string::npos) << result.out;
  for (const char* clause : {"os", "package.busybox-extras [SEC-101]", "symbols.libz.so.1", "binaries-glibc-ceiling",
                             "file./etc/apk/repositories", "user.root", "group.root", "service.sshd.service",
                             "sysctl.kernel.randomize_va_space", "port.tcp-23", "kernel", "release-file", "regression.alp-15611 [ALP#15611]"}) {
    EXPECT_EQ(problem_of(clause), "") << clause;
  }
  EXPECT_EQ(validate_junit(junit_path()), "");
}

TEST(HallmarkCli, CheckValidatesWithoutATarget) {
  const CliResult valid = run_hallmark({"check", source_path("contracts/examples/debian12-base.toml")});
  EXPECT_EQ(valid.exit_code, 0) << valid.err;
  EXPECT_NE(valid.out.find("contract debian12-base 1.4.0 is valid"), std::string::npos);
  EXPECT_EQ(run_hallmark({"check", source_path("tests/data/contracts/broken.toml")}).exit_code, 2);
  EXPECT_EQ(run_hallmark({"run", "--target", "bogus:x", source_path("contracts/examples/debian12-base.toml")}).exit_code, 2);
  EXPECT_EQ(run_hallmark({"run", source_path("contracts/examples/debian12-base.toml")}).exit_code, 2);
}

// "Docker/ContainerRun.Case/docker" and "Podman/ContainerRun.Case/podman": the ctest labels
// docker and podman select them by that prefix (tests/CMakeLists.txt).
INSTANTIATE_TEST_SUITE_P(Docker, ContainerRun, ::testing::Values("docker"), [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Podman, ContainerRun, ::testing::Values("podman"), [](const auto& info) { return info.param; });

}  // namespace
}  // namespace hallmark::testing
