#include <unistd.h>

#include <algorithm>
#include <thread>
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "runner/transports/process.hpp"
#include "support/docker_fixture.hpp"
#include "support/hallmark_cli.hpp"
#include "support/junit_schema.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::testing {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view k_library = R"(
int foo(void) { return 1; }
int bar(void) { return 2; }
)";

// Builds libdemo.so.1 exporting foo@@VERS_1 and, when `with_bar`, bar@@VERS_1.
void build_library(const TempDir& dir, const std::string& name, bool with_bar) {
  dir.write(name + ".map", with_bar ? "VERS_1 { global: foo; bar; local: *; };\n" : "VERS_1 { global: foo; local: *; };\n");
  const std::string source = dir.write("demo.c", k_library);
  const auto result = runner::transports::run_process({"gcc", "-shared", "-fPIC", "-Wl,-soname,libdemo.so.1",
                                           "-Wl,--version-script=" + (dir.path() / (name + ".map")).string(), "-o",
                                           (dir.path() / name).string(), source},
                                          {}, 120s);
  ASSERT_TRUE(result && result->exit_code == 0) << (result ? result->err : result.error());
}

// docker build of `dockerfile` with `dir` as context; the tag is removed at the end.
class BuiltImage {
 public:
  BuiltImage(const TempDir& dir, const std::string& dockerfile) : tag_("hallmark-test/scratch:baseline-" + std::to_string(counter_++) + "-" + std::to_string(getpid())) {
    dir.write("Dockerfile", dockerfile);
    docker({"build", "--network", "none", "-q", "-t", tag_, dir.path().string()});
  }
  ~BuiltImage() { (void)runner::transports::run_process({"docker", "rmi", "-f", tag_}, {}, 60s); }
  const std::string& tag() const { return tag_; }

 private:
  static inline int counter_ = 0;
  std::string tag_;
};

// Names of the baseline test cases of contract `core` on `target` in a JUnit report that carry a
// <failure> (their classname is `core@TARGET.baseline...`, the target's dots made '_').
std::vector<std::string> failing(const std::string& junit, std::string target) {
  std::ranges::replace(target, '.', '_');
  const std::string classname = "core@" + target + ".baseline";
  pugi::xml_document document;
  EXPECT_TRUE(document.load_file(junit.c_str()));
  std::vector<std::string> names;
  for (const auto& node : document.select_nodes(("//testcase[starts-with(@classname, '" + classname + "')][failure]").c_str())) {
    names.push_back(node.node().attribute("name").value());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// A baseline image and a candidate that removes a package, downgrades one, drops a symbol from a
// shared library, closes a port and changes a sysctl: hallmark must flag each and nothing else.
TEST(DockerBaseline, CandidateBreakingEachPromiseIsFlaggedAndTheBaselineItselfPasses) {
  ASSERT_FALSE(debian_test_image().empty());
  TempDir dir;
  build_library(dir, "libdemo-v1.so", true);
  build_library(dir, "libdemo-v2.so", false);
  const BuiltImage baseline_image(dir, "FROM " + debian_test_image() +
                                           "\nCOPY libdemo-v1.so /usr/lib/x86_64-linux-gnu/libdemo.so.1\n"
                                           "CMD [\"/usr/sbin/sshd\", \"-D\"]\n");
  const BuiltImage candidate_image(
      dir, "FROM " + baseline_image.tag() +
               "\nCOPY libdemo-v2.so /usr/lib/x86_64-linux-gnu/libdemo.so.1\n"
               "RUN dpkg --purge --force-depends procps >/dev/null && "
               "sed -i '/^Package: openssl$/,/^$/ s/^Version: .*/Version: 3.0.0-1/' /var/lib/dpkg/status\n"
               "CMD [\"sleep\", \"infinity\"]\n");
  const TestContainer baseline({"--sysctl", "net.ipv4.ip_forward=0", baseline_image.tag()});
  const TestContainer candidate({"--sysctl", "net.ipv4.ip_forward=1", candidate_image.tag()});
  const std::string contract = dir.write("base.toml", R"([contract]
name = "core"
version = "1.0.0"

[baseline]
packages = { removed = "fail", downgraded = "fail", added = "report" }
symbols = { libraries = ["libdemo.so.1"], removed = "fail" }
sysctl = { keys = ["net.ipv4.ip_forward"], changed = "fail" }
ports = { closed = "fail", opened = "report" }

[[package]]
name = "dpkg"
)");
  const std::string snapshot = (dir.path() / "core.snapshot.json").string();
  const std::string junit = (dir.path() / "r.xml").string();
  std::this_thread::sleep_for(1s);  // let the baseline's sshd bind its port

  const CliResult taken = run_hallmark({"snapshot", "--target", "docker:" + baseline.name(), "--contract", contract, "-o", snapshot});
  ASSERT_EQ(taken.exit_code, 0) << taken.out << taken.err;

  const CliResult itself = run_hallmark({"run", "--target", "docker:" + baseline.name(), "--baseline", snapshot, "--junit", junit, contract});
  EXPECT_EQ(itself.exit_code, 0) << itself.out << itself.err;
  EXPECT_TRUE(failing(junit, "docker:" + baseline.name()).empty());

  const CliResult run = run_hallmark({"run", "--target", "docker:" + candidate.name(), "--baseline", snapshot, "--junit", junit, contract});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  // The summary case fails too: it counts blocking differences.
  EXPECT_EQ(failing(junit, "docker:" + candidate.name()),
            (std::vector<std::string>{"baseline", "package.downgraded.openssl", "package.removed.procps", "port.closed.tcp-22",
                                      "port.closed.tcp-::-22", "symbol.removed.libdemo.so.1.bar@@VERS_1",
                                      "sysctl.changed.net.ipv4.ip_forward"}))
      << read_file(junit);
  EXPECT_EQ(validate_junit(junit), "");

  const std::string candidate_snapshot = (dir.path() / "candidate.snapshot.json").string();
  ASSERT_EQ(run_hallmark({"snapshot", "--target", "docker:" + candidate.name(), "--contract", contract, "-o", candidate_snapshot}).exit_code, 0);
  const CliResult diff = run_hallmark({"diff", snapshot, candidate_snapshot});
  EXPECT_EQ(diff.exit_code, 1) << diff.err;
  EXPECT_NE(diff.out.find("procps"), std::string::npos) << diff.out;
  EXPECT_NE(diff.out.find("bar@@VERS_1"), std::string::npos) << diff.out;
}

TEST(DockerBaseline, CorruptOrTruncatedSnapshotIsRefusedNotAnEmptyBaseline) {
  TempDir dir;
  const std::string contract = source_path("contracts/examples/debian12-base.toml");
  const std::string truncated = dir.write("t.json", "{\"format\": \"hallmark-snapshot\", \"format_version\": 1, \"prov");
  const CliResult result = run_hallmark({"run", "--target", "local", "--baseline", truncated, contract});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("is not a hallmark snapshot"), std::string::npos) << result.err;
  const std::string newer = dir.write("n.json", "{\"format\": \"hallmark-snapshot\", \"format_version\": 99}");
  EXPECT_NE(run_hallmark({"diff", newer, newer}).err.find("newer hallmark"), std::string::npos);
}

}  // namespace
}  // namespace hallmark::testing
