// Verdicts that never lie, against real images: a broken package database is an error no retry
// fixes (exit 4), never a pass of a promise of absence; an interrupted run still leaves its report.
#include <csignal>
#include <thread>

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "support/docker_fixture.hpp"
#include "support/hallmark_cli.hpp"
#include "support/junit_schema.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::testing {
namespace {

using namespace std::chrono_literals;

// A copy of `image` with `damage` (a sh script) done to it, committed to a tag of its own and
// removed with it.
class DamagedImage {
 public:
  DamagedImage(const std::string& image, const std::string& damage) {
    const TestContainer container({image, "sleep", "300"});
    docker({"exec", container.name(), "sh", "-c", damage});
    tag_ = "hallmark-test/damaged:" + container.name();
    docker({"commit", container.name(), tag_});
  }
  ~DamagedImage() { docker({"rmi", tag_}); }
  DamagedImage(const DamagedImage&) = delete;
  DamagedImage& operator=(const DamagedImage&) = delete;

  const std::string& tag() const { return tag_; }

 private:
  std::string tag_;
};

class DockerVerdicts : public ::testing::Test {
 protected:
  std::string junit() const { return (dir.path() / "report.xml").string(); }

  // The error element of the one testcase, as "type: message".
  std::string error_of(const std::string& name) const {
    pugi::xml_document document;
    EXPECT_TRUE(document.load_file(junit().c_str()));
    const auto error = document.select_node(("//testcase[@name='" + name + "']/error").c_str()).node();
    return error ? std::string(error.attribute("type").value()) + ": " + error.attribute("message").value() : "no error";
  }

  CliResult run_absent(const std::string& image, const std::string& package) {
    const std::string contract = dir.write("absent.toml", "[contract]\nname = \"absent\"\nversion = \"1.0.0\"\n[[package]]\nname = \"" +
                                                              package + "\"\ninstalled = false\n");
    return run_hallmark({"run", "--target", "docker-image:" + image, "--junit", junit(), contract});
  }

  TempDir dir;
};

TEST_F(DockerVerdicts, CorruptRpmdbIsAnErrorNotAPassOfAbsence) {
  const DamagedImage image(build_test_image("tests/images/build-rpm-image.sh"),
                           "head -c 65536 /dev/urandom > /var/lib/rpm/rpmdb.sqlite");
  const CliResult result = run_absent(image.tag(), "telnet-server");
  EXPECT_EQ(result.exit_code, 4) << result.out << result.err;
  const std::string error = error_of("package.telnet-server");
  EXPECT_TRUE(error.starts_with("deterministic: package database unreadable: rpm -qa exited 1: ")) << error;
  EXPECT_EQ(validate_junit(junit()), "");
}

TEST_F(DockerVerdicts, GarbageDpkgStatusIsAnErrorNamingTheLine) {
  const DamagedImage image(debian_test_image(), "printf 'Package: a\\n\\177ELF\\002\\001\\001\\n' > /var/lib/dpkg/status");
  const CliResult result = run_absent(image.tag(), "telnetd");
  EXPECT_EQ(result.exit_code, 4) << result.out << result.err;
  // The report escapes the control bytes XML cannot carry (docs/reports.md), DEL it keeps.
  EXPECT_EQ(error_of("package.telnetd"),
            "deterministic: package database /var/lib/dpkg/status is corrupt: line 2: field name '\x7f" "ELF\\x02\\x01\\x01' must "
            "be followed by a colon");
  EXPECT_EQ(validate_junit(junit()), "");
}

TEST_F(DockerVerdicts, SigtermMidRunWritesTheReportWithEveryUnjudgedClauseAnError) {
  const TestImageTag image(debian_test_image());
  BackgroundHallmark hallmark({"run", "--target", "docker-image:" + image.tag(), "--junit", junit(),
                               source_path("tests/data/contracts/slow.toml")},
                              (dir.path() / "out.txt").string());
  for (int i = 0; i < 200 && containers_from(image.tag()).empty(); ++i) std::this_thread::sleep_for(50ms);
  ASSERT_FALSE(containers_from(image.tag()).empty());
  std::this_thread::sleep_for(2s);  // the slow command is now running
  hallmark.signal(SIGTERM);
  EXPECT_EQ(hallmark.wait(60s), 128 + SIGTERM) << read_file((dir.path() / "out.txt").string());
  EXPECT_EQ(validate_junit(junit()), "");
  for (const char* clause : {"package.dpkg", "slow-step", "file./etc/passwd"}) {
    EXPECT_EQ(error_of(clause), "infrastructure: interrupted by SIGTERM") << clause;
  }
  EXPECT_TRUE(containers_from(image.tag()).empty());
}

}  // namespace
}  // namespace hallmark::testing
