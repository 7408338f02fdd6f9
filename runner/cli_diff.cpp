#include <iostream>
#include <map>

#include "runner/cli_commands.hpp"
#include "runner/commands/diff_command.hpp"

namespace hallmark::runner::cli {

Command add_diff(CLI::App& app) {
  struct State {
    std::vector<std::string> files;
    commands::DiffFormat format = commands::DiffFormat::text;
  };
  auto state = std::make_shared<State>();
  CLI::App* command = app.add_subcommand("diff", "show what changed between two snapshots (exit 1 when anything did)");
  command->add_option("snapshots", state->files, "BEFORE AFTER")->required()->expected(2)->check(CLI::ExistingFile);
  const std::map<std::string, commands::DiffFormat> formats{{"text", commands::DiffFormat::text},
                                                            {"markdown", commands::DiffFormat::markdown}};
  command->add_option("--format", state->format, "text (default) or markdown (release notes)")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  return {command, [state] {
            return commands::diff_snapshot_files(state->files[0], state->files[1], state->format, std::cout, std::cerr);
          }};
}

}  // namespace hallmark::runner::cli
