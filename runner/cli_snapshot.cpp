#include <iostream>

#include "runner/cli_commands.hpp"
#include "runner/cli_target_options.hpp"
#include "runner/commands/snapshot_command.hpp"

namespace hallmark::runner::cli {

Command add_snapshot(CLI::App& app) {
  struct State {
    commands::SnapshotOptions snapshot;
    TargetFlags target;
  };
  auto state = std::make_shared<State>();
  commands::SnapshotOptions& snapshot = state->snapshot;
  CLI::App* command = app.add_subcommand("snapshot", "save a target's facts as a baseline snapshot (JSON)");
  command->add_option("-t,--target", snapshot.target, target_help())->required();
  command->add_option("--contract", snapshot.contract_file, "contract whose libraries, sysctls and [baseline] to keep")
      ->check(CLI::ExistingFile);
  command->add_option("--libraries", snapshot.library_dirs, "also keep every shared library directly in DIR (repeatable)")
      ->allow_extra_args(false);
  command->add_option("-o,--output", snapshot.output, "snapshot file to write")->required();
  command->add_option("--sbom", snapshot.sbom_path, "also write a CycloneDX 1.6 JSON SBOM of the installed packages to FILE");
  state->target.add_to(*command);
  return {command,
          [state] {
            state->snapshot.target_options = state->target.options();
            state->snapshot.fact_timeout = state->target.fact_timeout();
            return commands::take_snapshot(state->snapshot, std::cout, std::cerr);
          },
          true};
}

}  // namespace hallmark::runner::cli
