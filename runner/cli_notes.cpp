#include <iostream>
#include <map>

#include "runner/cli_commands.hpp"
#include "runner/commands/notes_command.hpp"

namespace hallmark::runner::cli {

Command add_notes(CLI::App& app) {
  auto options = std::make_shared<commands::NotesOptions>();
  CLI::App* command = app.add_subcommand("notes", "write the technical notes of a core build from its contracts");
  command->add_option("contracts", options->contract_files, "contract files (TOML)")->required()->check(CLI::ExistingFile);
  command->add_option("--report", options->report_path, "the last certification: a hallmark run --json report")
      ->check(CLI::ExistingFile);
  command->add_option("-o,--output", options->output, "notes file to write")->required();
  const std::map<std::string, commands::NotesFormat> formats{{"markdown", commands::NotesFormat::markdown},
                                                             {"html", commands::NotesFormat::html}};
  command->add_option("--format", options->format, "markdown (default) or html (one self-contained page)")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  return {command, [options] { return commands::write_notes(*options, std::cout, std::cerr); }};
}

}  // namespace hallmark::runner::cli
