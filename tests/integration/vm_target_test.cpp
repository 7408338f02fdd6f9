#include <gtest/gtest.h>

#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <pugixml.hpp>
#include <sstream>
#include <thread>

#include "runner/transports/process.hpp"
#include "support/hallmark_cli.hpp"
#include "support/junit_schema.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// boot.env of the VM that tests/images/build-vm-image.sh builds (or finds in its cache):
// kernel, initrd, append, disk, identity. Empty when the build failed (the test then fails).
const std::map<std::string, std::string>& test_vm() {
  static const std::map<std::string, std::string> vm = [] {
    std::map<std::string, std::string> values;
    const auto built = runner::transports::run_process({source_path("tests/images/build-vm-image.sh")}, {}, 1800s);
    if (!built || built->exit_code != 0) {
      ADD_FAILURE() << "build-vm-image.sh failed: " << (built ? built->err : built.error());
      return values;
    }
    std::string dir = built->out;
    while (!dir.empty() && dir.back() == '\n') dir.pop_back();
    dir = dir.substr(dir.rfind('\n') + 1);
    std::istringstream lines(read_file(dir + "/boot.env"));
    for (std::string line; std::getline(lines, line);) {
      if (const auto equals = line.find('='); equals != std::string::npos) values[line.substr(0, equals)] = line.substr(equals + 1);
    }
    return values;
  }();
  return vm;
}

// disk.env of tests/images/build-boot-disk.sh's self-booting disk (disk, format, ...), built
// once or found in its cache. Empty when the build failed.
const std::map<std::string, std::string>& boot_disk() {
  static const std::map<std::string, std::string> disk = [] {
    std::map<std::string, std::string> values;
    const auto built = runner::transports::run_process({source_path("tests/images/build-boot-disk.sh")}, {}, 1800s);
    if (!built || built->exit_code != 0) {
      ADD_FAILURE() << "build-boot-disk.sh failed: " << (built ? built->err : built.error());
      return values;
    }
    std::string dir = built->out;
    while (!dir.empty() && dir.back() == '\n') dir.pop_back();
    dir = dir.substr(dir.rfind('\n') + 1);
    std::istringstream lines(read_file(dir + "/disk.env"));
    for (std::string line; std::getline(lines, line);) {
      if (const auto equals = line.find('='); equals != std::string::npos) values[line.substr(0, equals)] = line.substr(equals + 1);
    }
    return values;
  }();
  return disk;
}

// The seconds in "the VM answers SSH on 127.0.0.1:PORT after 81.2 s", or -1.
double boot_seconds(const std::string& out) {
  const auto at = out.find("the VM answers SSH on 127.0.0.1:");
  if (at == std::string::npos) return -1;
  const auto after = out.find(" after ", at);
  return std::stod(out.substr(after + 7));
}

// The value of JUnit property `name`, or "".
std::string property_of(const std::string& junit_path, const std::string& name) {
  pugi::xml_document document;
  EXPECT_TRUE(document.load_file(junit_path.c_str()));
  return document.select_node(("//property[@name='" + name + "']").c_str()).node().attribute("value").value();
}

// PIDs of the qemu processes whose command line mentions `marker`.
std::vector<pid_t> qemu_processes_mentioning(const std::string& marker) {
  std::vector<pid_t> pids;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (!std::ranges::all_of(name, [](char c) { return c >= '0' && c <= '9'; })) continue;
    std::string command_line = read_file((entry.path() / "cmdline").string());
    std::ranges::replace(command_line, '\0', ' ');
    if (command_line.find("qemu-system") != std::string::npos && command_line.find(marker) != std::string::npos) {
      pids.push_back(std::stoi(name));
    }
  }
  return pids;
}

// hallmark against a VM booted from the test image, with its own TMPDIR so that what hallmark
// leaves there (and any qemu whose serial log lives there) can be seen.
class VmTarget : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(test_vm().empty());
    fs::create_directory(tmp());
    if (const char* old = std::getenv("TMPDIR")) old_tmpdir_ = old;
    setenv("TMPDIR", tmp().c_str(), 1);
  }

  void TearDown() override {
    if (old_tmpdir_) {
      setenv("TMPDIR", old_tmpdir_->c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
  }

  fs::path tmp() const { return dir.path() / "tmp"; }
  std::string junit_path() const { return (dir.path() / "report.xml").string(); }
  std::string junit() const { return read_file(junit_path()); }

  // `run CONTRACT --target qemu:DISK` with the test VM's kernel, initrd and key; `append`
  // replaces its kernel command line.
  std::vector<std::string> run_args(const std::string& contract, std::optional<std::string> append = std::nullopt) const {
    const auto& vm = test_vm();
    return {"run", contract, "--target", "qemu:" + vm.at("disk"), "--vm-kernel", vm.at("kernel"), "--vm-initrd",
            vm.at("initrd"), "--vm-append", append.value_or(vm.at("append")), "--identity", vm.at("identity"),
            "--junit", junit_path()};
  }

  // The <failure>/<error>/<skipped> message of one testcase, or "" when it has none.
  std::string problem_of(const std::string& clause_id) const {
    pugi::xml_document document;
    EXPECT_TRUE(document.load_file(junit_path().c_str()));
    const auto testcase = document.select_node(("//testcase[@name='" + clause_id + "']").c_str()).node();
    EXPECT_TRUE(testcase) << "no testcase " << clause_id;
    for (const char* element : {"failure", "error", "skipped"}) {
      if (const auto node = testcase.child(element)) return std::string(element) + ": " + node.attribute("message").value();
    }
    return "";
  }

  // A zero-filled raw disk: no firmware finds anything to boot on it.
  std::string zero_disk() const {
    const std::string path = (dir.path() / "zero.raw").string();
    if (!fs::exists(path)) fs::resize_file(dir.write("zero.raw", ""), 64 << 20);
    return path;
  }

  void expect_nothing_left_behind() const {
    EXPECT_TRUE(qemu_processes_mentioning(tmp().string()).empty()) << "a qemu is still running";
    EXPECT_TRUE(fs::is_empty(tmp())) << "hallmark left " << fs::directory_iterator(tmp())->path();
  }

  TempDir dir;

 private:
  std::optional<std::string> old_tmpdir_;
};

TEST_F(VmTarget, ExampleContractHoldsWithOneWarningAndLeavesNothingBehind) {
  const CliResult result = run_hallmark(run_args(source_path("contracts/examples/debian12-vm.toml")));
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("0 blocking failures, 0 errors"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("the VM answers SSH on 127.0.0.1:"), std::string::npos) << result.out;
  EXPECT_EQ(problem_of("no-baked-ssh-host-key [SEC-214]"),
            "skipped: warning: expected /etc/ssh/ssh_host_ed25519_key absent; actual /etc/ssh/ssh_host_ed25519_key exists (file)");
  EXPECT_EQ(problem_of("port.tcp-22"), "");
  EXPECT_NE(junit().find("<property name=\"target.host_key\" value=\"ED25519 key SHA256:"), std::string::npos) << junit();
  EXPECT_EQ(validate_junit(junit_path()), "");
  expect_nothing_left_behind();
}

TEST_F(VmTarget, MissingRootDeviceExitsThreeWithTheSerialConsoleInTheReport) {
  const CliResult result = run_hallmark(
      run_args(source_path("contracts/examples/debian12-vm.toml"), "root=/dev/vdz console=ttyS0 panic=-1 quiet"));
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_NE(junit().find("before SSH answered"), std::string::npos) << junit();
  EXPECT_NE(junit().find("hallmark-initrd: root device /dev/vdz did not appear"), std::string::npos) << junit();
  EXPECT_EQ(validate_junit(junit_path()), "");
  expect_nothing_left_behind();
}

TEST_F(VmTarget, GuestWithoutSshIsGivenUpAfterTheBootTimeoutWithItsConsoleInTheReport) {
  std::vector<std::string> args =
      run_args(source_path("contracts/examples/debian12-vm.toml"), "root=/dev/vda console=ttyS0 init=/bin/cat");
  // Long enough for the kernel to mount its root under TCG on a loaded machine (-cpu max).
  args.insert(args.end(), {"--boot-timeout", "25"});
  const CliResult result = run_hallmark(args);
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_NE(junit().find("within 25 s"), std::string::npos) << junit();
  EXPECT_NE(junit().find("last 100 lines of the serial console"), std::string::npos) << junit();
  EXPECT_NE(junit().find("EXT4-fs (vda): mounted filesystem"), std::string::npos) << junit();
  EXPECT_NE(result.out.find("waiting for SSH on 127.0.0.1:"), std::string::npos) << result.out;
  EXPECT_EQ(validate_junit(junit_path()), "");
  expect_nothing_left_behind();
}

TEST_F(VmTarget, VmKilledMidRunTurnsRemainingClausesIntoErrors) {
  const std::string output = (dir.path() / "out.txt").string();
  BackgroundHallmark hallmark(run_args(source_path("tests/data/contracts/slow.toml")), output);
  for (int i = 0; i < 1200 && read_file(output).find("gathering facts") == std::string::npos; ++i) {
    std::this_thread::sleep_for(100ms);
  }
  ASSERT_NE(read_file(output).find("gathering facts"), std::string::npos) << read_file(output);
  std::this_thread::sleep_for(2s);  // the slow command is now running
  const auto qemu = qemu_processes_mentioning(tmp().string());
  ASSERT_EQ(qemu.size(), 1u);
  kill(qemu.front(), SIGKILL);
  EXPECT_EQ(hallmark.wait(120s), 3) << read_file(output);
  EXPECT_TRUE(problem_of("slow-step").starts_with("error: ")) << problem_of("slow-step");
  EXPECT_NE(junit().find("qemu was killed by signal 9"), std::string::npos) << junit();
  EXPECT_EQ(validate_junit(junit_path()), "");
  expect_nothing_left_behind();
}

TEST_F(VmTarget, InterruptDuringBootLeavesNoQemuAndNoTemporaryFiles) {
  const std::string output = (dir.path() / "out.txt").string();
  BackgroundHallmark hallmark(run_args(source_path("contracts/examples/debian12-vm.toml")), output);
  for (int i = 0; i < 600 && qemu_processes_mentioning(tmp().string()).empty(); ++i) std::this_thread::sleep_for(50ms);
  ASSERT_EQ(qemu_processes_mentioning(tmp().string()).size(), 1u) << read_file(output);
  std::this_thread::sleep_for(2s);  // booting, SSH not up yet
  hallmark.signal(SIGINT);
  EXPECT_EQ(hallmark.wait(60s), 128 + SIGINT) << read_file(output);
  EXPECT_NE(read_file(output).find("tearing down"), std::string::npos) << read_file(output);
  expect_nothing_left_behind();
}

TEST_F(VmTarget, SigkillDuringBootLeavesNoQemuAndTheNextRunRemovesItsRunDirectory) {
  const std::string output = (dir.path() / "out.txt").string();
  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int> delay_ms(0, 4000);
  for (int round = 0; round < 3; ++round) {
    BackgroundHallmark hallmark(run_args(source_path("contracts/examples/debian12-vm.toml")), output);
    for (int i = 0; i < 600 && qemu_processes_mentioning(tmp().string()).empty(); ++i) std::this_thread::sleep_for(50ms);
    ASSERT_EQ(qemu_processes_mentioning(tmp().string()).size(), 1u) << read_file(output);
    std::this_thread::sleep_for(std::chrono::milliseconds{delay_ms(random)});
    hallmark.signal(SIGKILL);
    EXPECT_EQ(hallmark.wait(10s), 128 + SIGKILL);
    for (int i = 0; i < 50 && !qemu_processes_mentioning(tmp().string()).empty(); ++i) std::this_thread::sleep_for(100ms);
    EXPECT_TRUE(qemu_processes_mentioning(tmp().string()).empty()) << "round " << round << ": qemu outlived hallmark";
    // SIGKILL gave hallmark no chance to remove its run directory (and its private key); the
    // run of this round removed the one the previous round left.
    EXPECT_EQ(std::distance(fs::directory_iterator(tmp()), fs::directory_iterator()), 1) << "round " << round;
  }
  const CliResult next = run_hallmark(
      run_args(source_path("contracts/examples/debian12-vm.toml"), "root=/dev/vdz console=ttyS0 panic=-1 quiet"));
  EXPECT_EQ(next.exit_code, 3) << next.out << next.err;
  expect_nothing_left_behind();
}

TEST_F(VmTarget, GuestThatRefusesTheKeyFailsFastNotAtTheBootTimeout) {
  const std::string stranger = (dir.path() / "stranger").string();
  const auto made = runner::transports::run_process({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger}, {}, 60s);
  ASSERT_TRUE(made && made->exit_code == 0);
  std::vector<std::string> args = run_args(source_path("contracts/examples/debian12-vm.toml"));
  *(std::ranges::find(args, "--identity") + 1) = stranger;
  args.insert(args.end(), {"--boot-timeout", "600"});
  const auto start = std::chrono::steady_clock::now();
  const CliResult result = run_hallmark(args);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_NE(junit().find("the guest refuses the key: its sshd answered on 127.0.0.1:"), std::string::npos) << junit();
  EXPECT_LT(seconds, 300) << "waited as if for the boot timeout";
  std::cout << "a guest refusing the key was given up after " << seconds << " s\n";
  expect_nothing_left_behind();
}

// A disk no firmware can boot: hallmark must say so from the serial console, quickly.
class VmZeroDisk : public VmTarget {
 protected:
  CliResult run_zero(const std::string& firmware) const {
    return run_hallmark({"run", source_path("contracts/examples/debian12-vm.toml"), "--target", "qemu:" + zero_disk(), "--cloud-init",
                         "--vm-firmware", firmware, "--junit", junit_path()});
  }

  // Runs on the zero disk, expects exit 3 within 30 s with `diagnosis` and the console tail
  // once, without escape codes; returns the seconds taken.
  double expect_fast_diagnosis(const std::string& firmware, const std::string& diagnosis, const std::string& console_line) const {
    const auto start = std::chrono::steady_clock::now();
    const CliResult result = run_zero(firmware);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
    EXPECT_LT(seconds, 30);
    const std::string report = junit();
    EXPECT_NE(report.find(diagnosis), std::string::npos) << report;
    EXPECT_NE(report.find(console_line), std::string::npos) << report;
    EXPECT_EQ(report.find("last 100 lines of the serial console"), report.rfind("last 100 lines of the serial console"))
        << "the console tail must appear once, not in every clause";
    EXPECT_EQ(report.find("\x1b"), std::string::npos) << "raw escape codes in the report";
    EXPECT_EQ(result.out.find("\x1b"), std::string::npos) << "raw escape codes on the console";
    EXPECT_EQ(validate_junit(junit_path()), "");
    std::cout << "a zero-filled disk failed through " << firmware << " after " << seconds << " s\n";
    return seconds;
  }
};

TEST_F(VmZeroDisk, BiosFailsWithinSecondsWithTheSerialConsoleAsDiagnosis) {
  expect_fast_diagnosis("bios", "the BIOS found no bootable device", "Boot failed: not a bootable disk");
  expect_nothing_left_behind();
}

TEST_F(VmZeroDisk, UefiIsStoppedAtItsShellWithTheSerialConsoleAsDiagnosis) {
  expect_fast_diagnosis("uefi", "the UEFI firmware found nothing it could boot and opened its shell; hallmark stopped qemu",
                        "UEFI Interactive Shell");
  expect_nothing_left_behind();
}

TEST_F(VmZeroDisk, SnapshotTakesEveryVmOption) {
  const std::string network = dir.write("network-config", "version: 2\nethernets: {}\n");
  const std::string user_data = dir.write("user-data", "#cloud-config\n");
  const CliResult result =
      run_hallmark({"snapshot", "--target", "qemu:" + zero_disk(), "--output", (dir.path() / "s.json").string(), "--cloud-init",
                    "--cloud-init-user-data", user_data, "--cloud-init-network-config", network, "--vm-firmware", "bios", "--vm-cpu",
                    "max", "--vm-memory", "512", "--boot-timeout", "60", "--vm-user", "root"});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_NE(result.err.find("the BIOS found no bootable device"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find("(raw, bios) with qemu under"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(", CPU max;"), std::string::npos) << result.out;
  expect_nothing_left_behind();
}

TEST_F(VmZeroDisk, NoWayToLogInIsAUsageErrorBeforeBooting) {
  const char* agent = std::getenv("SSH_AUTH_SOCK");
  const std::optional<std::string> saved = agent ? std::optional<std::string>(agent) : std::nullopt;
  unsetenv("SSH_AUTH_SOCK");
  const CliResult run = run_hallmark({"run", source_path("contracts/examples/debian12-vm.toml"), "--target", "qemu:" + zero_disk()});
  const CliResult snapshot = run_hallmark({"snapshot", "--target", "qemu:" + zero_disk(), "--output", (dir.path() / "s.json").string()});
  if (saved) setenv("SSH_AUTH_SOCK", saved->c_str(), 1);
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("a qemu target needs a way to log in"), std::string::npos) << run.err;
  EXPECT_EQ(snapshot.exit_code, 2) << snapshot.out << snapshot.err;
  EXPECT_EQ(run.out.find("booting"), std::string::npos) << run.out;
  expect_nothing_left_behind();
}

// The self-booting disk, through its own boot loader (no --vm-kernel), once per firmware.
class VmBootDisk : public VmTarget {
 protected:
  void SetUp() override {
    VmTarget::SetUp();
    ASSERT_FALSE(boot_disk().empty());
  }
};

TEST_F(VmBootDisk, BootsThroughBiosWithCloudInitAndTheReportIdentifiesTheDisk) {
  const std::string disk = boot_disk().at("disk");
  const CliResult result = run_hallmark({"run", source_path("tests/data/contracts/vm-boot-bios.toml"), "--target", "qemu:" + disk,
                                         "--cloud-init", "--vm-firmware", "bios", "--junit", junit_path()});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("0 blocking failures, 0 errors"), std::string::npos) << result.out;
  const auto digest = runner::transports::run_process({"sha256sum", disk}, {}, 120s);
  ASSERT_TRUE(digest && digest->exit_code == 0);
  const std::string sha256 = digest->out.substr(0, 64);
  EXPECT_EQ(property_of(junit_path(), "target.image_id"), "sha256:" + sha256);
  EXPECT_EQ(property_of(junit_path(), "target.disk.sha256"), sha256);
  EXPECT_EQ(property_of(junit_path(), "target.disk.format"), "qcow2");
  EXPECT_EQ(property_of(junit_path(), "target.disk.virtual_size"), "2147483648");
  EXPECT_EQ(property_of(junit_path(), "target.qemu.accelerator"), "tcg");
  EXPECT_EQ(property_of(junit_path(), "target.qemu.cpu"), "max");
  EXPECT_EQ(property_of(junit_path(), "target.qemu.firmware"), "bios");
  EXPECT_FALSE(property_of(junit_path(), "target.qemu.version").empty());
  EXPECT_EQ(validate_junit(junit_path()), "");
  std::cout << "boot to SSH through BIOS: " << boot_seconds(result.out) << " s\n";
  expect_nothing_left_behind();
}

TEST_F(VmBootDisk, BootsThroughUefiAuthorizingBothKeysAndRunningTheUsersUserData) {
  const std::string key = (dir.path() / "user_key").string();
  const auto made =
      runner::transports::run_process({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "hallmark-test-user-key", "-f", key}, {}, 60s);
  ASSERT_TRUE(made && made->exit_code == 0);
  const std::string user_data = dir.write("user-data",
                                          "#cloud-config\n"
                                          "write_files:\n"
                                          "  - path: /etc/hallmark-custom-user-data\n"
                                          "    content: \"ran\\n\"\n");
  const CliResult result =
      run_hallmark({"run", source_path("tests/data/contracts/vm-boot-uefi.toml"), "--target", "qemu:" + boot_disk().at("disk"),
                    "--cloud-init", "--identity", key, "--cloud-init-user-data", user_data, "--vm-firmware", "uefi", "--junit", junit_path()});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("0 blocking failures, 0 errors"), std::string::npos) << result.out;
  EXPECT_EQ(property_of(junit_path(), "target.qemu.firmware"), "uefi");
  std::cout << "boot to SSH through UEFI: " << boot_seconds(result.out) << " s\n";
  expect_nothing_left_behind();
}

}  // namespace
}  // namespace hallmark::testing
