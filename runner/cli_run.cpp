#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "runner/cli_commands.hpp"
#include "runner/cli_target_options.hpp"
#include "runner/commands/run_command.hpp"

namespace hallmark::runner::cli {

Command add_run(CLI::App& app) {
  struct State {
    commands::RunOptions run;
    TargetFlags target;
  };
  auto state = std::make_shared<State>();
  commands::RunOptions& run = state->run;
  CLI::App* command = app.add_subcommand("run", "check contracts against targets and write reports");
  command->add_option("contracts", run.contract_files, "contract files (TOML)")->required()->check(CLI::ExistingFile);
  command->add_option("-t,--target", run.targets, target_help())->required()->allow_extra_args(false);
  command->add_option("--label", run.labels,
                      "a short name for the target of the same position (repeatable, in --target order); reports name "
                      "their suites and classnames CONTRACT@LABEL (default: the --target text)")
      ->allow_extra_args(false);
  command->add_option("--junit", run.junit_path, "write a JUnit XML report to FILE");
  command->add_option("--json", run.json_path, "write the full result as JSON to FILE");
  command->add_option("--only", run.selection.only_tags, "check only clauses with this tag (repeatable)")->allow_extra_args(false);
  command->add_option("--skip", run.selection.skip_tags, "skip clauses with this tag (repeatable)")->allow_extra_args(false);
  command->add_option("--clause", run.selection.clause_ids, "check only this clause id (repeatable)")->allow_extra_args(false);
  command->add_flag("--strict-lifecycle", run.strict_lifecycle,
                    "a contract past its support_until blocks the gate instead of warning");
  command->add_option("--parallel", run.parallel,
                      fmt::format("check up to N targets at once, each with its own boot and teardown (default {})",
                                  commands::default_parallel_targets()))
      ->check(CLI::PositiveNumber);
  command->add_option("--command-jobs", run.command_jobs,
                      fmt::format("run up to N command and regression checks at once on each target; a clause with "
                                  "parallel = false runs alone (default {})",
                                  gather::k_default_command_jobs))
      ->check(CLI::PositiveNumber);
  command->add_option("--baseline", run.baseline_path, "a snapshot (hallmark snapshot) whose promises the target must keep")
      ->check(CLI::ExistingFile);
  command->add_option("--attestation", run.attestation_path,
                      "write an in-toto test-result attestation of the run to FILE");
  command->add_option("--signing-key", run.signing_key_path,
                      "sign the attestation with this Ed25519 private key (PEM): a DSSE envelope")
      ->check(CLI::ExistingFile);
  state->target.add_to(*command);
  command->footer(
      "Exit status (README, \"Exit codes\"):\n"
      "  0   every blocking clause holds\n"
      "  1   a blocking clause is violated (final: wins over every other code)\n"
      "  2   the contract or the command line is invalid; nothing ran\n"
      "  3   infrastructure: a target could not be booted, reached or kept alive, or a round trip timed out;\n"
      "      the only code worth a retry\n"
      "  4   a clause could not be judged and a retry will not fix it (a broken package database, systemd\n"
      "      not running, sudo refused): a person must look; wins over 3\n"
      "  70  hallmark itself failed; the reports are still written, with the error; wins over 4 and 3\n"
      "  128+N  killed by signal N (SIGINT, SIGTERM, SIGHUP); the reports are written, unjudged clauses are errors");
  return {command,
          [state] {
            state->run.target_options = state->target.options();
            state->run.fact_timeout = state->target.fact_timeout();
            state->run.live_progress = isatty(STDOUT_FILENO) == 1;
            return commands::run_contracts(state->run, std::cout, std::cerr);
          },
          true};
}

}  // namespace hallmark::runner::cli
