#include "runner/cli_target_options.hpp"

#include <fmt/format.h>

namespace hallmark::runner::cli {

namespace {

std::chrono::milliseconds milliseconds_of(double seconds) {
  return std::chrono::milliseconds{static_cast<long>(seconds * 1000)};
}

}  // namespace

void TargetFlags::add_to(CLI::App& command) {
  command.add_option("--boot", boot_, "container boot mode: keep-alive (default) or image-command")
      ->check(CLI::IsMember({"keep-alive", "image-command"}));
  command.add_option("--pull", pull_, "pull a container image first: never (default), missing or always")
      ->check(CLI::IsMember({"never", "missing", "always"}));
  command.add_option("--settle", settle_seconds_,
                     "seconds to wait after booting before probing (default 0, or 2 with --boot=image-command)");
  command.add_option("--timeout", timeout_seconds_, "seconds each fact-gathering round trip may take")
      ->check(CLI::PositiveNumber);

  transports::SshOptions& ssh = options_.ssh;
  command.add_option("--identity", ssh.identity, "SSH private key file (default: ssh-agent)")->check(CLI::ExistingFile);
  command.add_option("--known-hosts", ssh.known_hosts, "known_hosts file to verify SSH host keys against");
  command.add_flag("--accept-new-host-key", ssh.accept_new_host_key,
                   "trust an SSH host key seen for the first time and record it (a changed key is always refused)");
  command.add_flag("--sudo", ssh.sudo, "gather facts through `sudo -n` on SSH targets");

  targets::VmOptions& vm = options_.vm;
  command.add_option("--vm-kernel", vm.kernel, "boot this kernel directly (qemu targets)")->check(CLI::ExistingFile);
  command.add_option("--vm-initrd", vm.initrd, "initrd for --vm-kernel")->check(CLI::ExistingFile);
  command.add_option("--vm-append", vm.append, "kernel command line for --vm-kernel");
  command.add_option("--vm-user", vm.user, "guest account to log in as (default root)");
  command.add_option("--vm-memory", vm.memory_mib, "guest memory in MiB (default 1024)")->check(CLI::PositiveNumber);
  command.add_flag("--cloud-init", vm.cloud_init,
                   "inject an ephemeral SSH key through a cloud-init NoCloud seed (with --identity, IDENTITY.pub as well)");
  command.add_option("--cloud-init-user-data", vm.cloud_init_user_data,
                     "a #cloud-config or script the seed runs too, before hallmark's part (with --cloud-init)")
      ->check(CLI::ExistingFile);
  command.add_option("--cloud-init-network-config", vm.cloud_init_network_config,
                     "the seed's network-config file (with --cloud-init)")
      ->check(CLI::ExistingFile);
  command.add_option("--vm-firmware", firmware_, "bios (default), uefi, or uefi-secure (Secure Boot, Microsoft's keys); OVMF from Debian's ovmf")
      ->check(CLI::IsMember({"bios", "uefi", "uefi-secure"}));
  command.add_option("--vm-cpu", vm.cpu, "qemu -cpu model (default host with KVM, max under TCG)");
  command.add_option("--boot-timeout", boot_timeout_seconds_, "seconds to wait for a VM to answer SSH (default 600)")
      ->check(CLI::PositiveNumber);
}

targets::TargetOptions TargetFlags::options() const {
  targets::TargetOptions options = options_;
  options.boot = boot_ == "image-command" ? targets::BootMode::image_command : targets::BootMode::keep_alive;
  options.pull = pull_ == "always"    ? targets::PullPolicy::always
                 : pull_ == "missing" ? targets::PullPolicy::missing
                                      : targets::PullPolicy::never;
  const double settle = settle_seconds_ >= 0 ? settle_seconds_ : options.boot == targets::BootMode::image_command ? 2 : 0;
  options.settle = milliseconds_of(settle);
  options.vm.boot_timeout = std::chrono::seconds{static_cast<long>(boot_timeout_seconds_)};
  options.vm.firmware = firmware_ == "uefi-secure" ? targets::VmFirmware::uefi_secure
                        : firmware_ == "uefi"      ? targets::VmFirmware::uefi
                                                   : targets::VmFirmware::bios;
  return options;
}

std::chrono::milliseconds TargetFlags::fact_timeout() const { return milliseconds_of(timeout_seconds_); }

std::string target_help() {
  std::string text = "system under test, repeatable:";
  for (const targets::TargetKind& kind : targets::target_kinds()) {
    text += fmt::format("\n  {}{}  {}", kind.name, kind.needs_reference ? ":REF" : "", kind.summary);
  }
  return text;
}

}  // namespace hallmark::runner::cli
