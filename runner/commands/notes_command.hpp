#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace hallmark::runner::commands {

// How `hallmark notes` writes the technical notes.
enum class NotesFormat { markdown, html };

// What `hallmark notes` was asked to write.
struct NotesOptions {
  std::vector<std::string> contract_files;
  std::optional<std::string> report_path;  // --report: a `hallmark run --json` report, the last certification
  std::string output;
  NotesFormat format = NotesFormat::markdown;
};

// Writes the technical notes of the contracts (docs/notes.md). Returns 0, or 2 when a contract
// or the report cannot be read, 3 when the output cannot be written.
int write_notes(const NotesOptions& options, std::ostream& out, std::ostream& err);

}  // namespace hallmark::runner::commands
