#pragma once

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

// Everything a qemu command line for one VM target depends on.
struct QemuLaunch {
  std::string disk;
  std::string disk_format;  // as qemu-img names it: "qcow2", "raw", ...
  int ssh_port = 0;         // port on 127.0.0.1 forwarded to the guest's port 22
  std::string serial_log;   // file that receives the serial console
  bool kvm = false;         // hardware KVM, else TCG (emulation)
  std::optional<std::string> seed_iso;  // cloud-init NoCloud seed, attached as a CD-ROM
  VmOptions vm;                         // memory, and kernel, initrd and append when given
};

// The -netdev value: user-mode networking where the guest reaches nothing (restrict=on) and
// only `ssh_port` on 127.0.0.1 is forwarded to the guest's port 22.
std::string qemu_netdev(int ssh_port);

// argv for qemu-system-x86_64, program included: no default devices, throw-away writes
// (-snapshot, the disk is never modified), no display, serial console to a file, no reboot,
// a virtio disk, a virtio NIC on qemu_netdev() and a virtio RNG (sshd needs entropy early).
std::vector<std::string> qemu_argv(const QemuLaunch& launch);

// The "format" of `qemu-img info --output=json`. Fails when the text has none.
std::expected<std::string, std::string> disk_format_from_qemu_img_json(std::string_view json);

// The format a disk's name suggests: "qcow2" for *.qcow2, else "raw".
std::string disk_format_from_extension(std::string_view path);

}  // namespace hallmark::runner::targets::qemu
