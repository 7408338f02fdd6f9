#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/targets/target_spec.hpp"

namespace hallmark::runner::targets::qemu {

// The guest's address on qemu's user-mode network (198.51.100.0/24, TEST-NET-2, which no
// real network uses); the guest takes it statically, and it is also slirp's first DHCP lease.
inline constexpr std::string_view k_guest_address = "198.51.100.15";

// Debian's OVMF (package ovmf) for one firmware: the code, read-only, and the variable store
// that each run copies before the guest may write to it.
struct OvmfFiles {
  std::string code;
  std::string vars_template;
};

// The OVMF files for `uefi` or `uefi_secure` (Microsoft's keys enrolled); none for bios.
std::optional<OvmfFiles> ovmf_files(VmFirmware firmware);

// "bios", "uefi" or "uefi-secure", as --vm-firmware spells it.
std::string_view firmware_name(VmFirmware firmware);

// The -cpu model: `chosen` when given, else "host" under KVM and "max" under TCG (qemu's
// default TCG model is below x86-64-v2, which RHEL 9 needs).
std::string guest_cpu(bool kvm, const std::optional<std::string>& chosen);

// Everything a qemu command line for one VM target depends on.
struct QemuLaunch {
  std::string disk;
  std::string disk_format;  // as qemu-img names it: "qcow2", "raw", ...
  int ssh_port = 0;         // port on 127.0.0.1 forwarded to the guest's port 22
  std::string serial_log;   // file that receives the serial console
  bool kvm = false;         // hardware KVM, else TCG (emulation)
  std::string cpu = "max";  // the -cpu model (guest_cpu())
  std::optional<std::string> seed_iso;  // cloud-init NoCloud seed, attached as a virtio disk
  std::optional<std::string> ovmf_vars;  // this run's copy of the OVMF variable store (UEFI)
  VmOptions vm;                          // memory, firmware, and kernel, initrd and append when given
};

// The -netdev value: user-mode networking where the guest reaches nothing (restrict=on) and
// only `ssh_port` on 127.0.0.1 is forwarded to the guest's port 22.
std::string qemu_netdev(int ssh_port);

// argv for qemu-system-x86_64, program included: no default devices, throw-away writes
// (-snapshot, the disk is never modified), no display, firmware and serial console to a file,
// the disk as the only boot device and an exit instead of a reboot (so a disk that cannot boot
// ends qemu under SeaBIOS at once), a virtio NIC without option ROM on qemu_netdev(), a virtio
// RNG (sshd needs entropy early), the seed as a virtio disk (cloud kernels lack AHCI) and OVMF
// as pflash for UEFI.
std::vector<std::string> qemu_argv(const QemuLaunch& launch);

// One image of a disk's chain, as `qemu-img info --backing-chain --output=json` describes it.
struct DiskImage {
  std::string filename;
  std::string format;
  std::uint64_t virtual_size = 0;
};

// The chain from `qemu-img info --backing-chain --output=json`: the disk first, then its
// backing files. Fails when the text is not that array (or the single object of older
// qemu-img) or an image lacks its filename or format.
std::expected<std::vector<DiskImage>, std::string> disk_chain_from_qemu_img_json(std::string_view json);

// The format a disk's name suggests: "qcow2" for *.qcow2, else "raw".
std::string disk_format_from_extension(std::string_view path);

}  // namespace hallmark::runner::targets::qemu
