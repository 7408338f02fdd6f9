#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <iostream>
#include <random>
#include <sstream>
#include <thread>

#include "support/docker_fixture.hpp"
#include "support/hallmark_cli.hpp"
#include "support/junit_schema.hpp"
#include "support/temp_dir.hpp"
#include "util/host_name.hpp"
#include "util/process_identity.hpp"

namespace hallmark::testing {
namespace {

using namespace std::chrono_literals;

// Containers (running or not) that the hallmark with this pid booted, by their owner label.
std::vector<std::string> containers_owned_by(int pid) {
  std::istringstream ids(docker({"ps", "-a", "-q", "--filter", "label=org.hallmark.owner-pid=" + std::to_string(pid)}));
  std::vector<std::string> result;
  for (std::string id; ids >> id;) result.push_back(id);
  return result;
}

// Waits up to `patience` for `condition`; true if it came.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds patience) {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(100ms);
  }
  return true;
}

// The peak resident set (VmHWM) of a running process in KiB, 0 once it is gone.
long peak_resident_kib(int pid) {
  std::istringstream status(read_file("/proc/" + std::to_string(pid) + "/status"));
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmHWM:")) return std::stol(line.substr(6));
  }
  return 0;
}

// hallmark against images that fight back, and killed in ways it cannot catch.
class DockerHostile : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(debian_test_image().empty()); }
  std::string path(const std::string& name) const { return (dir.path() / name).string(); }
  TempDir dir;
};

TEST_F(DockerHostile, SigkillAtAnyPointOfBootOrGatheringLeavesNoContainer) {
  const TestImageTag image(debian_test_image());
  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int> delay_ms(200, 6000);  // boot takes ~1 s, slow.toml ~6 s more
  for (int round = 0; round < 5; ++round) {
    BackgroundHallmark hallmark({"run", "--target", "docker-image:" + image.tag(), source_path("tests/data/contracts/slow.toml")},
                                path("out.txt"));
    const int pid = hallmark.pid();
    const int delay = delay_ms(random);
    std::this_thread::sleep_for(std::chrono::milliseconds{delay});
    hallmark.signal(SIGKILL);
    EXPECT_EQ(hallmark.wait(10s), 128 + SIGKILL);
    std::cout << "round " << round << ": SIGKILL after " << delay << " ms\n";
    EXPECT_TRUE(eventually([&] { return containers_owned_by(pid).empty() && containers_from(image.tag()).empty(); }, 10s))
        << "round " << round << ", killed after " << delay << " ms: " << read_file(path("out.txt"));
  }
}

TEST_F(DockerHostile, ContainerLeftByAKilledRunIsReapedByTheNextRun) {
  const TestImageTag image(debian_test_image());
  const util::ProcessIdentity& self = util::this_process();
  const auto owned_by = [&](long pid, unsigned long long start) {
    return std::vector<std::string>{"--label", "org.hallmark.owner-pid=" + std::to_string(pid),
                                    "--label", "org.hallmark.owner-start=" + std::to_string(start),
                                    "--label", "org.hallmark.owner-boot=" + self.boot_id,
                                    "--label", "org.hallmark.owner-host=" + util::host_name()};
  };
  // A dead owner: pid 1 started at another time is not the hallmark that booted it.
  std::vector<std::string> abandoned = owned_by(1, self.start_ticks + 12345);
  abandoned.insert(abandoned.end(), {image.tag(), "sleep", "300"});
  const TestContainer left(abandoned);
  // A live owner (this test process): another run's container, which must be left alone.
  std::vector<std::string> in_use = owned_by(self.pid, self.start_ticks);
  in_use.insert(in_use.end(), {image.tag(), "sleep", "300"});
  const TestContainer running(in_use);

  const CliResult result = run_hallmark({"run", "--target", "docker-image:" + debian_test_image(),
                                         source_path("contracts/examples/debian12-base.toml")});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(docker({"ps", "-a", "-q", "--filter", "name=^" + left.name() + "$"}), "");
  EXPECT_EQ(docker({"inspect", "-f", "{{.State.Running}}", running.name()}), "true\n");
}

TEST_F(DockerHostile, ImageCommandContainerOfAKilledRunIsReapedByTheNextRun) {
  const TestImageTag image(debian_test_image(), {R"(CMD ["sleep", "infinity"])"});
  BackgroundHallmark killed({"run", "--target", "docker-image:" + image.tag(), "--boot", "image-command",
                             source_path("tests/data/contracts/slow.toml")},
                            path("out.txt"));
  const int pid = killed.pid();
  ASSERT_TRUE(eventually([&] { return !containers_owned_by(pid).empty(); }, 30s)) << read_file(path("out.txt"));
  killed.signal(SIGKILL);
  EXPECT_EQ(killed.wait(10s), 128 + SIGKILL);
  EXPECT_EQ(containers_owned_by(pid).size(), 1u);  // its own command does not read the tie
  const CliResult next = run_hallmark({"run", "--target", "docker-image:" + image.tag(), "--boot", "image-command",
                                       source_path("tests/data/contracts/slow.toml")});
  EXPECT_EQ(next.exit_code, 0) << next.out << next.err;
  EXPECT_TRUE(containers_from(image.tag()).empty());
}

// An image whose /bin/sh writes without end: every gather script answers with an endless
// stream. Each round trip is stopped at its byte budget, its clauses are errors saying so,
// the report is written, and hallmark's memory stays bounded.
TEST_F(DockerHostile, EndlessOutputIsStoppedAtTheBudgetWithBoundedMemory) {
  const TestImageTag image(debian_test_image(),
                           {R"(RUN ["/bin/bash", "-c", "rm /bin/sh && printf '#!/bin/bash\\nexec yes hallmark-endless-output\\n' >/bin/sh && chmod 755 /bin/sh"])",
                            R"(CMD ["sleep", "infinity"])"});
  BackgroundHallmark hallmark({"run", "--target", "docker-image:" + image.tag(), "--boot", "image-command", "--timeout", "20",
                               "--junit", path("report.xml"), source_path("contracts/examples/debian12-base.toml")},
                              path("out.txt"));
  const int pid = hallmark.pid();
  long peak_kib = 0;
  int exit_code = -1;
  for (int i = 0; i < 1200 && exit_code < 0; ++i) {
    peak_kib = std::max(peak_kib, peak_resident_kib(pid));
    exit_code = hallmark.wait(0s);
    if (exit_code < 0) std::this_thread::sleep_for(100ms);
  }
  std::cout << "peak resident set of hallmark: " << peak_kib / 1024 << " MiB\n";
  EXPECT_EQ(exit_code, 3) << read_file(path("out.txt"));
  EXPECT_LT(peak_kib, 400 * 1000);
  const std::string report = read_file(path("report.xml"));
  EXPECT_NE(report.find("the target sent more than"), std::string::npos) << report.substr(0, 4000);
  EXPECT_EQ(validate_junit(path("report.xml")), "");
  EXPECT_TRUE(containers_from(image.tag()).empty());
}

}  // namespace
}  // namespace hallmark::testing
