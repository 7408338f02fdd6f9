#include <iostream>

#include "probes/gate.hpp"
#include "runner/cli_commands.hpp"
#include "runner/completion.hpp"

namespace hallmark::runner::cli {

Command add_completion(CLI::App& app) {
  CLI::App* command = app.add_subcommand("completion", "print a shell completion script");
  command->require_subcommand(1);
  command->add_subcommand("bash", "for bash: source <(hallmark completion bash)");
  return {command, [&app] {
            std::cout << bash_completion(app);
            return probes::k_exit_ok;
          }};
}

}  // namespace hallmark::runner::cli
