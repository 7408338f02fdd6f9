#include "runner/cli.hpp"

#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "runner/exit_codes.hpp"
#include "runner/run_command.hpp"
#include "runner/teardown_registry.hpp"

namespace hallmark::runner {

namespace {

std::string target_help() {
  std::string text = "system under test, repeatable:";
  for (const TargetKind& kind : target_kinds()) {
    text += fmt::format("\n  {}{}  {}", kind.name, kind.needs_reference ? ":REF" : "", kind.summary);
  }
  return text;
}

}  // namespace

int cli_main(int argc, char** argv) {
  CLI::App app{"hallmark: certify an OS image against its service contract", "hallmark"};
  app.set_version_flag("--version", HALLMARK_VERSION);
  app.require_subcommand(1);

  RunOptions run;
  std::string boot = "keep-alive";
  double settle_seconds = -1;
  double timeout_seconds = 300;
  CLI::App* run_command = app.add_subcommand("run", "check contracts against targets and write reports");
  run_command->add_option("contracts", run.contract_files, "contract files (TOML)")->required()->check(CLI::ExistingFile);
  run_command->add_option("-t,--target", run.targets, target_help())->required()->allow_extra_args(false);
  run_command->add_option("--junit", run.junit_path, "write a JUnit XML report to FILE");
  run_command->add_option("--json", run.json_path, "write the full result as JSON to FILE");
  run_command->add_option("--boot", boot, "container boot mode: keep-alive (default) or image-command")
      ->check(CLI::IsMember({"keep-alive", "image-command"}));
  run_command->add_option("--settle", settle_seconds,
                          "seconds to wait after booting before probing (default 0, or 2 with --boot=image-command)");
  run_command->add_option("--timeout", timeout_seconds, "seconds each fact-gathering round trip may take")
      ->check(CLI::PositiveNumber);

  SshOptions& ssh = run.target_options.ssh;
  run_command->add_option("--identity", ssh.identity, "SSH private key file (default: ssh-agent)")->check(CLI::ExistingFile);
  run_command->add_option("--known-hosts", ssh.known_hosts, "known_hosts file to verify SSH host keys against");
  run_command->add_flag("--accept-new-host-key", ssh.accept_new_host_key,
                        "trust an SSH host key seen for the first time and record it (a changed key is always refused)");
  run_command->add_flag("--sudo", ssh.sudo, "gather facts through `sudo -n` on SSH targets");
  VmOptions& vm = run.target_options.vm;
  run_command->add_option("--vm-kernel", vm.kernel, "boot this kernel directly (qemu targets)")->check(CLI::ExistingFile);
  run_command->add_option("--vm-initrd", vm.initrd, "initrd for --vm-kernel")->check(CLI::ExistingFile);
  run_command->add_option("--vm-append", vm.append, "kernel command line for --vm-kernel");
  run_command->add_option("--vm-user", vm.user, "guest account to log in as (default root)");
  run_command->add_option("--vm-memory", vm.memory_mib, "guest memory in MiB (default 1024)")->check(CLI::PositiveNumber);
  run_command->add_flag("--cloud-init", vm.cloud_init, "inject an ephemeral SSH key through a cloud-init NoCloud seed");
  double boot_timeout_seconds = 600;
  run_command->add_option("--boot-timeout", boot_timeout_seconds, "seconds to wait for a VM to answer SSH (default 600)")
      ->check(CLI::PositiveNumber);

  std::vector<std::string> check_files;
  CLI::App* check_command = app.add_subcommand("check", "validate contracts without a target");
  check_command->add_option("contracts", check_files, "contract files (TOML)")->required()->check(CLI::ExistingFile);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? k_exit_ok : k_exit_usage;
  }

  try {
    if (*check_command) return check_contracts(check_files, std::cout, std::cerr);
    install_signal_teardown();
    run.target_options.boot = boot == "image-command" ? BootMode::image_command : BootMode::keep_alive;
    if (settle_seconds < 0) settle_seconds = run.target_options.boot == BootMode::image_command ? 2 : 0;
    run.target_options.settle = std::chrono::milliseconds{static_cast<long>(settle_seconds * 1000)};
    vm.boot_timeout = std::chrono::seconds{static_cast<long>(boot_timeout_seconds)};
    run.fact_timeout = std::chrono::milliseconds{static_cast<long>(timeout_seconds * 1000)};
    const int code = run_contracts(run, std::cout, std::cerr);
    wait_for_signal_teardown();
    return code;
  } catch (const std::exception& error) {
    TeardownRegistry::instance().run_all();
    fmt::print(stderr, "hallmark: error: {}\n", error.what());
    return k_exit_target;
  }
}

}  // namespace hallmark::runner
