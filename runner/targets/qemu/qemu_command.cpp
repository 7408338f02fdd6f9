#include "runner/targets/qemu/qemu_command.hpp"

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

std::vector<std::string> qemu_argv(const QemuLaunch& launch) {
  std::vector<std::string> argv{"qemu-system-x86_64", "-name", "hallmark", "-nodefaults", "-machine", "q35"};
  if (launch.kvm) {
    argv.insert(argv.end(), {"-accel", "kvm", "-cpu", "host"});
  } else {
    argv.insert(argv.end(), {"-accel", "tcg"});
  }
  argv.insert(argv.end(),
              {"-m", std::to_string(launch.vm.memory_mib), "-smp", "2", "-display", "none",
               "-chardev", "file,id=serial0,path=" + option_value(launch.serial_log), "-serial", "chardev:serial0",
               "-no-reboot", "-snapshot",
               "-drive", fmt::format("file={},format={},if=virtio", option_value(launch.disk), option_value(launch.disk_format)),
               "-netdev", qemu_netdev(launch.ssh_port), "-device", "virtio-net-pci,netdev=n0",
               "-device", "virtio-rng-pci"});
  if (launch.seed_iso) {
    argv.insert(argv.end(), {"-drive", fmt::format("file={},format=raw,media=cdrom,readonly=on", option_value(*launch.seed_iso))});
  }
  if (launch.vm.kernel) argv.insert(argv.end(), {"-kernel", *launch.vm.kernel});
  if (launch.vm.initrd) argv.insert(argv.end(), {"-initrd", *launch.vm.initrd});
  if (launch.vm.append) argv.insert(argv.end(), {"-append", *launch.vm.append});
  return argv;
}

std::expected<std::string, std::string> disk_format_from_qemu_img_json(std::string_view json) {
  const auto info = nlohmann::json::parse(json, nullptr, false);
  if (info.is_discarded() || !info.is_object()) return std::unexpected("qemu-img printed no JSON object");
  const auto format = info.find("format");
  if (format == info.end() || !format->is_string() || format->get<std::string>().empty()) {
    return std::unexpected("qemu-img named no format");
  }
  return format->get<std::string>();
}

std::string disk_format_from_extension(std::string_view path) { return path.ends_with(".qcow2") ? "qcow2" : "raw"; }

}  // namespace hallmark::runner::targets::qemu
