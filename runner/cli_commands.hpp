#pragma once

#include <functional>
#include <memory>

#include <CLI/CLI.hpp>

// The command line: one builder per subcommand. Each adds its subcommand, options and help to
// the app and returns what to run when the subcommand was chosen.
namespace hallmark::runner::cli {

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;    // called after a successful parse; returns the exit code
  bool boots_targets = false;  // tears down on SIGINT/SIGTERM/SIGHUP: install the signal thread first
};

Command add_run(CLI::App& app);
Command add_snapshot(CLI::App& app);
Command add_diff(CLI::App& app);
Command add_check(CLI::App& app);
Command add_add(CLI::App& app);
Command add_verify_attestation(CLI::App& app);
Command add_notes(CLI::App& app);
Command add_completion(CLI::App& app);  // the completion script covers every command added before it

}  // namespace hallmark::runner::cli
