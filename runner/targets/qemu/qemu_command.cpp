#include "runner/targets/qemu/qemu_command.hpp"

#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace hallmark::runner::targets::qemu {

namespace {

// A value inside a qemu "key=value,..." option: a comma is written twice.
std::string option_value(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    escaped += c;
    if (c == ',') escaped += ',';
  }
  return escaped;
}

}  // namespace

std::string qemu_netdev(int ssh_port) {
  return fmt::format("user,id=n0,restrict=on,net=198.51.100.0/24,host=198.51.100.2,hostfwd=tcp:127.0.0.1:{}-{}:22",
                     ssh_port, k_guest_address);
}

std::optional<OvmfFiles> ovmf_files(VmFirmware firmware) {
  switch (firmware) {
    case VmFirmware::bios: return std::nullopt;
    case VmFirmware::uefi: return OvmfFiles{"/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd"};
    case VmFirmware::uefi_secure: return OvmfFiles{"/usr/share/OVMF/OVMF_CODE_4M.ms.fd", "/usr/share/OVMF/OVMF_VARS_4M.ms.fd"};
  }
  std::unreachable();
}

std::string_view firmware_name(VmFirmware firmware) {
  switch (firmware) {
    case VmFirmware::bios: return "bios";
    case VmFirmware::uefi: return "uefi";
    case VmFirmware::uefi_secure: return "uefi-secure";
  }
  std::unreachable();
}

std::string guest_cpu(bool kvm, const std::optional<std::string>& chosen) {
  if (chosen) return *chosen;
  return kvm ? "host" : "max";
}

std::vector<std::string> qemu_argv(const QemuLaunch& launch) {
  const bool secure = launch.vm.firmware == VmFirmware::uefi_secure;
  std::vector<std::string> argv{"qemu-system-x86_64", "-name",  "hallmark", "-nodefaults", "-machine",
                                secure ? "q35,graphics=off,smm=on" : "q35,graphics=off",
                                "-accel", launch.kvm ? "kvm" : "tcg", "-cpu", launch.cpu};
  if (const auto ovmf = ovmf_files(launch.vm.firmware)) {
    argv.insert(argv.end(), {"-drive", fmt::format("if=pflash,format=raw,unit=0,readonly=on,file={}", option_value(ovmf->code)),
                             "-drive", fmt::format("if=pflash,format=raw,unit=1,file={}", option_value(launch.ovmf_vars.value_or("")))});
    if (secure) argv.insert(argv.end(), {"-global", "driver=cfi.pflash01,property=secure,value=on"});
  }
  argv.insert(argv.end(),
              {"-m", std::to_string(launch.vm.memory_mib), "-smp", "2", "-display", "none",
               "-chardev", "file,id=serial0,path=" + option_value(launch.serial_log), "-serial", "chardev:serial0",
               "-no-reboot", "-snapshot", "-boot", "strict=on,reboot-timeout=0",
               "-drive", fmt::format("file={},format={},if=none,id=d0", option_value(launch.disk), option_value(launch.disk_format)),
               "-device", "virtio-blk-pci,drive=d0,bootindex=1",
               "-netdev", qemu_netdev(launch.ssh_port), "-device", "virtio-net-pci,netdev=n0,romfile=",
               "-device", "virtio-rng-pci"});
  if (launch.seed_iso) {
    argv.insert(argv.end(), {"-drive", fmt::format("file={},format=raw,if=virtio,readonly=on", option_value(*launch.seed_iso))});
  }
  if (launch.vm.kernel) argv.insert(argv.end(), {"-kernel", *launch.vm.kernel});
  if (launch.vm.initrd) argv.insert(argv.end(), {"-initrd", *launch.vm.initrd});
  if (launch.vm.append) argv.insert(argv.end(), {"-append", *launch.vm.append});
  return argv;
}

std::expected<std::vector<DiskImage>, std::string> disk_chain_from_qemu_img_json(std::string_view json) {
  auto info = nlohmann::json::parse(json, nullptr, false);
  if (info.is_object()) info = nlohmann::json::array({info});
  if (info.is_discarded() || !info.is_array() || info.empty()) return std::unexpected("qemu-img printed no JSON array of images");
  std::vector<DiskImage> chain;
  for (const auto& image : info) {
    const auto text = [&](const char* key) {
      const auto found = image.is_object() ? image.find(key) : image.end();
      return found != image.end() && found->is_string() ? found->get<std::string>() : std::string{};
    };
    DiskImage disk{text("filename"), text("format")};
    if (disk.filename.empty() || disk.format.empty()) return std::unexpected("qemu-img named no filename or format for an image");
    if (const auto size = image.find("virtual-size"); size != image.end() && size->is_number_unsigned()) {
      disk.virtual_size = size->get<std::uint64_t>();
    }
    chain.push_back(std::move(disk));
  }
  return chain;
}

std::string disk_format_from_extension(std::string_view path) { return path.ends_with(".qcow2") ? "qcow2" : "raw"; }

}  // namespace hallmark::runner::targets::qemu
