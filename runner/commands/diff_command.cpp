#include "runner/commands/diff_command.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "probes/baseline_diff.hpp"
#include "probes/gate.hpp"
#include "reports/diff_text.hpp"
#include "reports/release_notes.hpp"
#include "runner/commands/snapshot_command.hpp"

namespace hallmark::runner::commands {

int diff_snapshot_files(const std::string& a, const std::string& b, DiffFormat format, std::ostream& out,
                        std::ostream& err) {
  const auto before = load_snapshot(a);
  const auto after = load_snapshot(b);
  for (const auto* snapshot : {&before, &after}) {
    if (!*snapshot) {
      fmt::print(err, "hallmark: error: {}\n", snapshot->error());
      return probes::k_exit_usage;
    }
  }
  const auto findings = probes::diff_snapshots(probes::report_everything(), *before, *after);
  if (format == DiffFormat::markdown) {
    reports::print_release_notes(out, *before, *after, findings);
  } else {
    reports::print_diff(out, *before, *after, findings);
  }
  return findings.empty() ? probes::k_exit_ok : probes::k_exit_violated;
}

}  // namespace hallmark::runner::commands
