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
  EXPECT_NE(std::ranges::find(devices, "virtio-net-pci,netdev=n0,romfile="), devices.end());
}

TEST(QemuCommand, DiskIsTheOnlyBootDeviceOnVirtioWithItsFormatAndWritesAreThrownAway) {
  const auto argv = qemu_argv(plain_launch());
  EXPECT_EQ(argv.front(), "qemu-system-x86_64");
  EXPECT_EQ(values_of(argv, "-drive"), std::vector<std::string>{"file=/images/candidate.qcow2,format=qcow2,if=none,id=d0"});
  const auto devices = values_of(argv, "-device");
  EXPECT_NE(std::ranges::find(devices, "virtio-blk-pci,drive=d0,bootindex=1"), devices.end());
  EXPECT_EQ(std::ranges::count(argv, "-snapshot"), 1);
}

TEST(QemuCommand, ABootThatFailsEndsQemuInsteadOfRetrying) {
  const auto argv = qemu_argv(plain_launch());
  EXPECT_EQ(value_of(argv, "-boot"), "strict=on,reboot-timeout=0");
  EXPECT_EQ(std::ranges::count(argv, "-no-reboot"), 1);
  const auto devices = values_of(argv, "-device");
  EXPECT_NE(std::ranges::find(devices, "virtio-net-pci,netdev=n0,romfile="), devices.end()) << "no iPXE network boot";
  EXPECT_EQ(value_of(argv, "-machine"), "q35,graphics=off") << "SeaBIOS writes to the serial console only without graphics";
}

TEST(QemuCommand, BiosNeedsNoFirmwareFiles) {
  const auto argv = qemu_argv(plain_launch());
  EXPECT_EQ(values_of(argv, "-drive").size(), 1u);
  EXPECT_EQ(std::ranges::count(argv, "-global"), 0);
  EXPECT_EQ(ovmf_files(VmFirmware::bios), std::nullopt);
}

TEST(QemuCommand, UefiIsReadOnlyOvmfCodeAndThisRunsCopyOfTheVariables) {
  QemuLaunch launch = plain_launch();
  launch.vm.firmware = VmFirmware::uefi;
  launch.ovmf_vars = "/tmp/hallmark-qemu-x/OVMF_VARS.fd";
  const auto argv = qemu_argv(launch);
  const auto drives = values_of(argv, "-drive");
  ASSERT_EQ(drives.size(), 3u);
  EXPECT_EQ(drives[0], "if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd");
  EXPECT_EQ(drives[1], "if=pflash,format=raw,unit=1,file=/tmp/hallmark-qemu-x/OVMF_VARS.fd");
  EXPECT_EQ(value_of(argv, "-machine"), "q35,graphics=off");
  EXPECT_EQ(std::ranges::count(argv, "-global"), 0);
  EXPECT_EQ(ovmf_files(VmFirmware::uefi)->vars_template, "/usr/share/OVMF/OVMF_VARS_4M.fd");
}

TEST(QemuCommand, SecureBootUsesMicrosoftKeysSmmAndASecurePflash) {
  QemuLaunch launch = plain_launch();
  launch.vm.firmware = VmFirmware::uefi_secure;
  launch.ovmf_vars = "/tmp/hallmark-qemu-x/OVMF_VARS.fd";
  const auto argv = qemu_argv(launch);
  EXPECT_EQ(values_of(argv, "-drive")[0], "if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.ms.fd");
  EXPECT_EQ(value_of(argv, "-machine"), "q35,graphics=off,smm=on");
  EXPECT_EQ(value_of(argv, "-global"), "driver=cfi.pflash01,property=secure,value=on");
  EXPECT_EQ(ovmf_files(VmFirmware::uefi_secure)->vars_template, "/usr/share/OVMF/OVMF_VARS_4M.ms.fd");
}

TEST(QemuCommand, FirmwareNamesAreTheOptionValues) {
  EXPECT_EQ(firmware_name(VmFirmware::bios), "bios");
  EXPECT_EQ(firmware_name(VmFirmware::uefi), "uefi");
  EXPECT_EQ(firmware_name(VmFirmware::uefi_secure), "uefi-secure");
}

TEST(QemuCommand, CommasInPathsAreDoubledForQemuOptionParsing) {
  QemuLaunch launch = plain_launch();
  launch.disk = "/images/a,b.raw";
  launch.serial_log = "/tmp/x,y/serial.log";
  const auto argv = qemu_argv(launch);
  EXPECT_EQ(value_of(argv, "-drive"), "file=/images/a,,b.raw,format=qcow2,if=none,id=d0");
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
}

TEST(QemuCommand, GuestCpuIsHostWithKvmMaxUnderTcgUnlessChosen) {
  EXPECT_EQ(guest_cpu(true, std::nullopt), "host");
  EXPECT_EQ(guest_cpu(false, std::nullopt), "max") << "qemu's default TCG CPU is below x86-64-v2";
  EXPECT_EQ(guest_cpu(false, "Nehalem"), "Nehalem");
  EXPECT_EQ(guest_cpu(true, "Nehalem"), "Nehalem");
}

TEST(QemuCommand, AcceleratorAndCpuModelAreOnTheCommandLine) {
  QemuLaunch launch = plain_launch();
  launch.cpu = "max";
  EXPECT_EQ(value_of(qemu_argv(launch), "-accel"), "tcg");
  EXPECT_EQ(value_of(qemu_argv(launch), "-cpu"), "max");
  launch.kvm = true;
  launch.cpu = "host";
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

TEST(QemuCommand, CloudInitSeedIsAReadOnlyVirtioDiskBecauseCloudKernelsLackAhci) {
  QemuLaunch launch = plain_launch();
  launch.seed_iso = "/tmp/hallmark-qemu-x/seed.iso";
  const auto drives = values_of(qemu_argv(launch), "-drive");
  ASSERT_EQ(drives.size(), 2u);
  EXPECT_EQ(drives[1], "file=/tmp/hallmark-qemu-x/seed.iso,format=raw,if=virtio,readonly=on");
}

TEST(QemuCommand, DiskChainComesFromQemuImgJsonDiskFirst) {
  const auto chain = disk_chain_from_qemu_img_json(R"([
    {"virtual-size": 2147483648, "filename": "top.qcow2", "format": "qcow2", "backing-filename": "base.raw"},
    {"virtual-size": 1073741824, "filename": "base.raw", "format": "raw"}])");
  ASSERT_TRUE(chain.has_value()) << chain.error();
  ASSERT_EQ(chain->size(), 2u);
  EXPECT_EQ((*chain)[0].filename, "top.qcow2");
  EXPECT_EQ((*chain)[0].format, "qcow2");
  EXPECT_EQ((*chain)[0].virtual_size, 2147483648u);
  EXPECT_EQ((*chain)[1].filename, "base.raw");
  EXPECT_EQ((*chain)[1].format, "raw");
}

TEST(QemuCommand, DiskChainAcceptsOneObjectAndRefusesWhatIsNotAChain) {
  const auto single = disk_chain_from_qemu_img_json(R"({"filename": "a.img", "format": "raw"})");
  ASSERT_TRUE(single.has_value());
  EXPECT_EQ(single->front().virtual_size, 0u);
  EXPECT_EQ(disk_chain_from_qemu_img_json("qemu-img: error").error(), "qemu-img printed no JSON array of images");
  EXPECT_EQ(disk_chain_from_qemu_img_json("[]").error(), "qemu-img printed no JSON array of images");
  EXPECT_EQ(disk_chain_from_qemu_img_json(R"([{"filename": "a.img"}])").error(), "qemu-img named no filename or format for an image");
}

TEST(QemuCommand, DiskFormatFromExtensionIsQcow2OrRaw) {
  EXPECT_EQ(disk_format_from_extension("/images/debian.qcow2"), "qcow2");
  EXPECT_EQ(disk_format_from_extension("/images/root.img"), "raw");
  EXPECT_EQ(disk_format_from_extension("disk"), "raw");
}

}  // namespace
}  // namespace hallmark::runner::targets::qemu
