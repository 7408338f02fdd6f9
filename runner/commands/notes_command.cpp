#include "runner/commands/notes_command.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "probes/gate.hpp"
#include "probes/waiver_gate.hpp"
#include "reports/notes_html.hpp"
#include "reports/notes_markdown.hpp"
#include "reports/technical_notes.hpp"
#include "runner/commands/load_contracts.hpp"
#include "util/atomic_file.hpp"
#include "util/text_file.hpp"

namespace hallmark::runner::commands {

int write_notes(const NotesOptions& options, std::ostream& out, std::ostream& err) {
  const auto contracts = load_contracts(options.contract_files, err);
  if (!contracts) return probes::k_exit_usage;
  std::optional<reports::Certification> certification;
  if (options.report_path) {
    const auto text = util::read_text_file(*options.report_path);
    if (!text) {
      fmt::print(err, "hallmark: error: cannot read the report {}\n", *options.report_path);
      return probes::k_exit_usage;
    }
    auto read = reports::read_certification(*text, *options.report_path);
    if (!read) {
      fmt::print(err, "hallmark: error: {}\n", read.error());
      return probes::k_exit_usage;
    }
    certification = std::move(*read);
  }
  const reports::notes::Document document = reports::technical_notes(*contracts, certification, probes::today_utc());
  const std::string page = options.format == NotesFormat::html ? reports::render_notes_html(document)
                                                               : reports::render_notes_markdown(document);
  if (auto written = util::write_file_atomically(options.output, page); !written) {
    fmt::print(err, "hallmark: error: {}\n", written.error());
    return probes::k_exit_target;
  }
  fmt::print(out, "hallmark: technical notes written to {}\n", options.output);
  return probes::k_exit_ok;
}

}  // namespace hallmark::runner::commands
