#include "runner/targets/qemu/qemu_command.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace hallmark::runner::targets::qemu {
namespace {

QemuLaunch plain_launch() {
  QemuLaunch launch;
  launch.disk = "/images/candidate.qcow2";
  launch.disk_format = "qcow2";
  launch.ssh_port = 40022;
  launch.serial_log = "/tmp/hallmark-qemu-x/serial.log";
  return launch;
}

// The value that follows `option` in argv, or "" when the option is absent.
std::string value_of(const std::vector<std::string>& argv, std::string_view option) {
  const auto found = std::ranges::find(argv, option);
  return found == argv.end() || found + 1 == argv.end() ? "" : *(found + 1);
}

std::vector<std::string> values_of(const std::vector<std::string>& argv, std::string_view option) {
  std::vector<std::string> values;
  for (auto it = argv.begin(); it != argv.end(); ++it) {
    if (*it == option && it + 1 != argv.end()) values.push_back(*(it + 1));
  }
  return values;
}

TEST(QemuCommand, NetworkIsRestrictedUserModeForwardingOnlySshOnLoopback) {
  EXPECT_EQ(qemu_netdev(40022),
            "user,id=n0,restrict=on,net=198.51.100.0/24,host=198.51.100.2,"
            "hostfwd=tcp:127.0.0.1:40022-198.51.100.15:22");
}

TEST(QemuCommand, TheOnlyNetworkIsTheRestrictedNetdevOnOneVirtioNic) {
  const auto argv = qemu_argv(plain_launch());
  EXPECT_EQ(values_of(argv, "-netdev"), std::vector<std::string>{qemu_netdev(40022)});
  EXPECT_EQ(std::ranges::count(argv, "-nodefaults"), 1) << "no default NIC may be added";
  EXPECT_EQ(std::ranges::count(argv, "-net"), 0);
  EXPECT_EQ(std::ranges::count(argv, "-nic"), 0);
  const auto devices = values_of(argv, "-device");
  EXPECT_EQ(std::ranges::count_if(devices, [](const std::string& d) { return d.find("netdev=") != std::string::npos; }), 1);
  EXPECT_NE(std::ranges::find(devices, "virtio-net-pci,netdev=n0"), devices.end());
}

TEST(QemuCommand, DiskIsVirtioWithItsFormatAndWritesAreThrownAway) {
  const auto argv = qemu_argv(plain_launch());
  EXPECT_EQ(argv.front(), "qemu-system-x86_64");
  EXPECT_EQ(values_of(argv, "-drive"), std::vector<std::string>{"file=/images/candidate.qcow2,format=qcow2,if=virtio"});
  EXPECT_EQ(std::ranges::count(argv, "-snapshot"), 1);
  EXPECT_EQ(std::ranges::count(argv, "-no-reboot"), 1);
}

TEST(QemuCommand, CommasInPathsAreDoubledForQemuOptionParsing) {
  QemuLaunch launch = plain_launch();
  launch.disk = "/images/a,b.raw";
  launch.serial_log = "/tmp/x,y/serial.log";
  const auto argv = qemu_argv(launch);
  EXPECT_EQ(value_of(argv, "-drive"), "file=/images/a,,b.raw,format=qcow2,if=virtio");
  EXPECT_EQ(value_of(argv, "-chardev"), "file,id=serial0,path=/tmp/x,,y/serial.log");
  EXPECT_EQ(value_of(argv, "-serial"), "chardev:serial0");
}

TEST(QemuCommand, NoDisplayMemoryFromOptionsTwoCpus) {
  QemuLaunch launch = plain_launch();
  launch.vm.memory_mib = 2048;
  const auto argv = qemu_argv(launch);
  EXPECT_EQ(value_of(argv, "-display"), "none");
  EXPECT_EQ(value_of(argv, "-m"), "2048");
  EXPECT_EQ(value_of(argv, "-smp"), "2");
  EXPECT_EQ(value_of(argv, "-machine"), "q35");
}

TEST(QemuCommand, TcgWithoutKvmAndHostCpuWithIt) {
  QemuLaunch launch = plain_launch();
  EXPECT_EQ(value_of(qemu_argv(launch), "-accel"), "tcg");
  EXPECT_EQ(value_of(qemu_argv(launch), "-cpu"), "");
  launch.kvm = true;
  EXPECT_EQ(value_of(qemu_argv(launch), "-accel"), "kvm");
  EXPECT_EQ(value_of(qemu_argv(launch), "-cpu"), "host");
}

TEST(QemuCommand, KernelInitrdAndAppendOnlyWhenGiven) {
  QemuLaunch launch = plain_launch();
  EXPECT_EQ(std::ranges::count(qemu_argv(launch), "-kernel"), 0);
  EXPECT_EQ(std::ranges::count(qemu_argv(launch), "-append"), 0);
  launch.vm.kernel = "/boot/vmlinux";
  launch.vm.initrd = "/boot/initrd.img";
  launch.vm.append = "root=/dev/vda console=ttyS0";
  const auto argv = qemu_argv(launch);
  EXPECT_EQ(value_of(argv, "-kernel"), "/boot/vmlinux");
  EXPECT_EQ(value_of(argv, "-initrd"), "/boot/initrd.img");
  EXPECT_EQ(value_of(argv, "-append"), "root=/dev/vda console=ttyS0");
}

TEST(QemuCommand, CloudInitSeedIsAReadOnlyCdrom) {
  QemuLaunch launch = plain_launch();
  launch.seed_iso = "/tmp/hallmark-qemu-x/seed.iso";
  const auto drives = values_of(qemu_argv(launch), "-drive");
  ASSERT_EQ(drives.size(), 2u);
  EXPECT_EQ(drives[1], "file=/tmp/hallmark-qemu-x/seed.iso,format=raw,media=cdrom,readonly=on");
}

TEST(QemuCommand, DiskFormatComesFromQemuImgJson) {
  EXPECT_EQ(disk_format_from_qemu_img_json(R"({"virtual-size": 1073741824, "filename": "a.img", "format": "raw"})"), "raw");
  EXPECT_EQ(disk_format_from_qemu_img_json(R"({"format": "qcow2", "cluster-size": 65536})"), "qcow2");
  EXPECT_EQ(disk_format_from_qemu_img_json("{}").error(), "qemu-img named no format");
  EXPECT_EQ(disk_format_from_qemu_img_json("qemu-img: error").error(), "qemu-img printed no JSON object");
}

TEST(QemuCommand, DiskFormatFromExtensionIsQcow2OrRaw) {
  EXPECT_EQ(disk_format_from_extension("/images/debian.qcow2"), "qcow2");
  EXPECT_EQ(disk_format_from_extension("/images/root.img"), "raw");
  EXPECT_EQ(disk_format_from_extension("disk"), "raw");
}

}  // namespace
}  // namespace hallmark::runner::targets::qemu
