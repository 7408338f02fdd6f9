#include "runner/cli.hpp"

#include <unistd.h>

#include <charconv>
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "runner/add_regression.hpp"
#include "runner/completion.hpp"
#include "runner/exit_codes.hpp"
#include "runner/run_command.hpp"
#include "runner/snapshot_command.hpp"
#include "runner/teardown_registry.hpp"

namespace hallmark::runner {

namespace {

// "30d" or "30" -> 30.
std::optional<int> parse_days(std::string_view text) {
  if (text.ends_with('d')) text.remove_suffix(1);
  int days = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
  if (ec != std::errc{} || end != text.data() + text.size() || days < 0) return std::nullopt;
  return days;
}

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

  run_command->add_option("--only", run.selection.only_tags, "check only clauses with this tag (repeatable)")
      ->allow_extra_args(false);
  run_command->add_option("--skip", run.selection.skip_tags, "skip clauses with this tag (repeatable)")->allow_extra_args(false);
  run_command->add_option("--clause", run.selection.clause_ids, "check only this clause id (repeatable)")
      ->allow_extra_args(false);
  run_command->add_flag("--strict-lifecycle", run.strict_lifecycle,
                        "a contract past its support_until blocks the gate instead of warning");
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

  run_command->add_option("--baseline", run.baseline_path, "a snapshot (hallmark snapshot) whose promises the target must keep")
      ->check(CLI::ExistingFile);

  SnapshotOptions snapshot;
  CLI::App* snapshot_command = app.add_subcommand("snapshot", "save a target's facts as a baseline snapshot (JSON)");
  snapshot_command->add_option("-t,--target", snapshot.target, target_help())->required();
  snapshot_command->add_option("--contract", snapshot.contract_file, "contract whose libraries, sysctls and [baseline] to keep")
      ->check(CLI::ExistingFile);
  snapshot_command->add_option("--libraries", snapshot.library_dirs, "also keep every shared library directly in DIR (repeatable)")
      ->allow_extra_args(false);
  snapshot_command->add_option("-o,--output", snapshot.output, "snapshot file to write")->required();
  snapshot_command->add_option("--boot", boot, "container boot mode: keep-alive (default) or image-command")
      ->check(CLI::IsMember({"keep-alive", "image-command"}));
  snapshot_command->add_option("--settle", settle_seconds, "seconds to wait after booting before reading");

  std::vector<std::string> diff_files;
  CLI::App* diff_command = app.add_subcommand("diff", "show what changed between two snapshots (exit 1 when anything did)");
  diff_command->add_option("snapshots", diff_files, "BEFORE AFTER")->required()->expected(2)->check(CLI::ExistingFile);

  std::vector<std::string> check_files;
  CLI::App* check_command = app.add_subcommand("check", "validate contracts without a target");
  check_command->add_option("contracts", check_files, "contract files (TOML)")->required()->check(CLI::ExistingFile);
  std::string expiring_within;
  check_command->add_option("--expiring-within", expiring_within, "list contracts and waivers ending within N days, e.g. 30d")
      ->check([](const std::string& text) { return parse_days(text) ? std::string{} : "expected a number of days like 30d"; });

  RegressionRequest regression;
  CLI::App* add_command = app.add_subcommand("add", "add a clause to a contract");
  add_command->require_subcommand(1);
  CLI::App* add_regression_command =
      add_command->add_subcommand("regression", "append a [[regression]] clause for a closed bug, keeping the file's layout");
  add_regression_command->add_option("--contract", regression.contract_file, "contract file to extend")
      ->required()
      ->check(CLI::ExistingFile);
  add_regression_command->add_option("--bug", regression.bug, "the bug the check guards, e.g. BZ#123")->required();
  add_regression_command->add_option("--run", regression.run, "the shell command that shows the bug is fixed")->required();
  add_regression_command->add_option("--expect-stdout", regression.expect_stdout, "text its stdout must contain (repeatable)")
      ->allow_extra_args(false);
  add_regression_command->add_option("--expect-exit", regression.expect_exit, "its exit code (default 0)");
  add_regression_command->add_option("--id", regression.id, "clause id (default derived from the bug)");
  add_regression_command->add_option("--description", regression.description, "why the check exists");

  CLI::App* completion_command = app.add_subcommand("completion", "print a shell completion script");
  completion_command->require_subcommand(1);
  CLI::App* completion_bash = completion_command->add_subcommand("bash", "for bash: source <(hallmark completion bash)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? k_exit_ok : k_exit_usage;
  }

  try {
    if (*completion_bash) {
      std::cout << bash_completion(app);
      return k_exit_ok;
    }
    if (*add_regression_command) return add_regression(regression, std::cout, std::cerr);
    if (*check_command) {
      const auto days = expiring_within.empty() ? std::nullopt : parse_days(expiring_within);
      return check_contracts(check_files, days, std::cout, std::cerr);
    }
    if (*diff_command) return diff_snapshot_files(diff_files[0], diff_files[1], std::cout, std::cerr);
    install_signal_teardown();
    run.target_options.boot = boot == "image-command" ? BootMode::image_command : BootMode::keep_alive;
    if (settle_seconds < 0) settle_seconds = run.target_options.boot == BootMode::image_command ? 2 : 0;
    run.target_options.settle = std::chrono::milliseconds{static_cast<long>(settle_seconds * 1000)};
    vm.boot_timeout = std::chrono::seconds{static_cast<long>(boot_timeout_seconds)};
    if (*snapshot_command) {
      snapshot.target_options = run.target_options;
      const int code = take_snapshot(snapshot, std::cout, std::cerr);
      wait_for_signal_teardown();
      return code;
    }
    run.fact_timeout = std::chrono::milliseconds{static_cast<long>(timeout_seconds * 1000)};
    run.live_progress = isatty(STDOUT_FILENO) == 1;
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
