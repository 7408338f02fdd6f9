#include "reports/diff_text.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "probes/parsers/os_release.hpp"
#include "reports/terminal_text.hpp"

namespace hallmark::reports {

namespace {

using probes::BaselineFinding;

// Everything printed below comes from snapshots, that is from targets: terminal_safe on each.

// The os-release PRETTY_NAME (or NAME VERSION_ID) a snapshot recorded, or why there is none.
std::string os_name(const probes::Facts& facts) {
  const auto found = facts.files.find("/etc/os-release");
  if (found == facts.files.end() || !found->second) return "(unknown)";
  if (!found->second->content) return "(no os-release)";
  const auto values = probes::parsers::parse_os_release(*found->second->content);
  const auto value = [&](const std::string& key) -> std::optional<std::string> {
    const auto it = values.find(key);
    return it == values.end() ? std::nullopt : std::optional(terminal_safe(it->second));
  };
  if (const auto pretty = value("PRETTY_NAME")) return *pretty;
  return fmt::format("{} {}", value("NAME").value_or("?"), value("VERSION_ID").value_or("?"));
}

void print_provenance(std::ostream& out, std::string_view label, const probes::Snapshot& snapshot) {
  const probes::Provenance& provenance = snapshot.provenance;
  out << fmt::format("{}: {}\n", label, terminal_safe(provenance.target));
  if (!provenance.image.empty() || !provenance.image_id.empty()) {
    out << fmt::format("   image  {} {}", terminal_safe(provenance.image), terminal_safe(provenance.image_id));
    if (!provenance.image_digests.empty()) {
      out << fmt::format(" ({})", terminal_safe(fmt::format("{}", fmt::join(provenance.image_digests, ", "))));
    }
    out << "\n";
  }
  out << fmt::format("   os     {}\n", os_name(snapshot.facts));
  out << fmt::format("   taken  {} by hallmark {}\n", terminal_safe(provenance.taken_at),
                     terminal_safe(provenance.hallmark_version));
}

std::string label(const BaselineFinding& finding) {
  return finding.error ? "error" : std::string(contracts::to_string(finding.action));
}

std::string plural(std::size_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

}  // namespace

void print_diff(std::ostream& out, const probes::Snapshot& a, const probes::Snapshot& b,
                const std::vector<BaselineFinding>& findings) {
  print_provenance(out, "a", a);
  print_provenance(out, "b", b);
  std::size_t errors = 0, failures = 0, reports = 0;
  for (auto group = findings.begin(); group != findings.end();) {
    const auto end =
        std::find_if(group, findings.end(), [&](const BaselineFinding& f) { return f.kind != group->kind; });
    const std::string_view kind = std::string_view(group->kind).substr(group->kind.find('.') + 1);
    out << fmt::format("\n{}: {}\n", terminal_safe(kind), plural(static_cast<std::size_t>(end - group), "difference"));
    for (auto finding = group; finding != end; ++finding) {
      out << fmt::format("  {} [{}]\n    - {}\n    {} {}\n", terminal_safe(finding->id), label(*finding),
                         terminal_safe(finding->expected), finding->error ? "!" : "+", terminal_safe(finding->actual));
      if (finding->error) {
        ++errors;
      } else if (finding->action == contracts::DiffAction::fail) {
        ++failures;
      } else {
        ++reports;
      }
    }
    group = end;
  }
  if (findings.empty()) {
    out << "\nno differences\n";
    return;
  }
  out << fmt::format("\n{}: {} fail, {} report, {}\n", plural(findings.size(), "difference"), failures, reports,
                     plural(errors, "error"));
}

}  // namespace hallmark::reports
