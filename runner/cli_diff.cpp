#include <iostream>

#include "runner/cli_commands.hpp"
#include "runner/commands/diff_command.hpp"

namespace hallmark::runner::cli {

Command add_diff(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* command = app.add_subcommand("diff", "show what changed between two snapshots (exit 1 when anything did)");
  command->add_option("snapshots", *files, "BEFORE AFTER")->required()->expected(2)->check(CLI::ExistingFile);
  return {command, [files] { return commands::diff_snapshot_files((*files)[0], (*files)[1], std::cout, std::cerr); }};
}

}  // namespace hallmark::runner::cli
