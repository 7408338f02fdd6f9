#include <iostream>

#include "runner/cli_commands.hpp"
#include "runner/commands/add_regression.hpp"

namespace hallmark::runner::cli {

Command add_add(CLI::App& app) {
  auto regression = std::make_shared<commands::RegressionRequest>();
  CLI::App* command = app.add_subcommand("add", "add a clause to a contract");
  command->require_subcommand(1);
  CLI::App* regression_command =
      command->add_subcommand("regression", "append a [[regression]] clause for a closed bug, keeping the file's layout");
  regression_command->add_option("--contract", regression->contract_file, "contract file to extend")->required()->check(CLI::ExistingFile);
  regression_command->add_option("--bug", regression->bug, "the bug the check guards, e.g. BZ#123")->required();
  regression_command->add_option("--run", regression->run, "the shell command that shows the bug is fixed")->required();
  regression_command->add_option("--expect-stdout", regression->expect_stdout, "text its stdout must contain (repeatable)")
      ->allow_extra_args(false);
  regression_command->add_option("--expect-exit", regression->expect_exit, "its exit code (default 0)");
  regression_command->add_option("--id", regression->id, "clause id (default derived from the bug)");
  regression_command->add_option("--description", regression->description, "why the check exists");
  return {command, [regression] { return commands::add_regression(*regression, std::cout, std::cerr); }};
}

}  // namespace hallmark::runner::cli
