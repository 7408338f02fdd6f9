#include "reports/release_notes.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "probes/parsers/os_release.hpp"
#include "reports/markdown_text.hpp"

namespace hallmark::reports {

namespace {

using probes::BaselineFinding;
using probes::Snapshot;

// A finding's id split into its change ("package.upgraded") and what it is about ("openssl").
struct Change {
  std::string what;
  std::string subject;
};

Change change_of(const BaselineFinding& finding) {
  const std::size_t first = finding.id.find('.');
  const std::size_t second = finding.id.find('.', first + 1);
  if (second == std::string::npos) return {finding.id, ""};
  return {finding.id.substr(0, second), finding.id.substr(second + 1)};
}

// A symbol or version finding's subject is "LIBRARY.NAME" and its baseline text starts with
// "LIBRARY ": the library is the longest dotted prefix that text confirms.
std::pair<std::string, std::string> library_and_name(const Change& change, const BaselineFinding& finding) {
  std::size_t split = std::string::npos;
  for (std::size_t dot = change.subject.find('.'); dot != std::string::npos; dot = change.subject.find('.', dot + 1)) {
    if (finding.expected.starts_with(change.subject.substr(0, dot) + " ")) split = dot;
  }
  if (split == std::string::npos) return {change.subject, ""};
  return {change.subject.substr(0, split), change.subject.substr(split + 1)};
}

std::string os_value(const Snapshot& snapshot, std::string_view key) {
  for (const std::string_view path : probes::parsers::k_os_release_paths) {
    const auto found = snapshot.facts.files.find(std::string(path));
    if (found == snapshot.facts.files.end() || !found->second || !found->second->content) continue;
    if (auto value = probes::parsers::os_release_value(*found->second->content, key)) return *value;
  }
  return "";
}

std::string cell(std::string_view text, std::string_view none = "(none)") {
  return text.empty() ? std::string(none) : markdown_escape(text);
}

std::string image_of(const Snapshot& snapshot) {
  const probes::Provenance& p = snapshot.provenance;
  return p.image.empty() ? p.target : p.image;
}

// The installed versions and architectures of `subject` ("name" or "name:arch") in a snapshot.
struct Installed {
  std::string versions;
  std::string arches;
};

Installed installed(const Snapshot& snapshot, const std::string& subject) {
  std::vector<std::string> versions;
  std::set<std::string> arches;
  if (snapshot.facts.packages && *snapshot.facts.packages) {
    for (const probes::InstalledPackage& package : (*snapshot.facts.packages)->installed) {
      if (package.name != subject && package.name + ":" + package.arch != subject) continue;
      versions.push_back(package.version);
      if (!package.arch.empty()) arches.insert(package.arch);
    }
  }
  std::ranges::sort(versions);
  return {fmt::format("{}", fmt::join(versions, ", ")), fmt::format("{}", fmt::join(arches, ", "))};
}

std::string sysctl_value(const Snapshot& snapshot, const std::string& key) {
  const auto found = snapshot.facts.sysctls.find(key);
  if (found == snapshot.facts.sysctls.end() || !found->second) return "(unknown)";
  return *found->second ? markdown_code(**found->second) : "(absent)";
}

// Findings by change, each keeping the diff's order (by id).
using Grouped = std::map<std::string, std::vector<const BaselineFinding*>>;

void header(std::ostream& out, const Snapshot& a, const Snapshot& b) {
  out << fmt::format("# Release notes: {}\n\n", markdown_escape(image_of(b)));
  out << "| | Before | After |\n|---|---|---|\n";
  const auto row = [&](std::string_view label, const std::string& before, const std::string& after) {
    out << fmt::format("| {} | {} | {} |\n", label, before, after);
  };
  row("Image", markdown_escape(image_of(a)), markdown_escape(image_of(b)));
  row("Image id", cell(a.provenance.image_id), cell(b.provenance.image_id));
  row("Operating system", cell(os_value(a, "PRETTY_NAME"), "(unknown)"), cell(os_value(b, "PRETTY_NAME"), "(unknown)"));
  row("os-release version", cell(os_value(a, "VERSION_ID"), "(unknown)"), cell(os_value(b, "VERSION_ID"), "(unknown)"));
  row("Snapshot taken", cell(a.provenance.taken_at), cell(b.provenance.taken_at));
}

void os_section(std::ostream& out, const Snapshot& a, const Snapshot& b) {
  out << "\n## Operating system\n\n";
  const std::string before = os_value(a, "VERSION_ID");
  const std::string after = os_value(b, "VERSION_ID");
  if (before == after) {
    out << fmt::format("The os-release version is unchanged: {}.\n", cell(after, "(unknown)"));
  } else {
    out << fmt::format("The os-release version changed from {} to {}.\n", cell(before, "(unknown)"),
                       cell(after, "(unknown)"));
  }
}

void packages_section(std::ostream& out, const Snapshot& a, const Snapshot& b, Grouped& groups) {
  out << "\n## Packages\n";
  std::size_t shown = 0;
  if (const auto& family = groups["package.family"]; !family.empty()) {
    out << fmt::format("\nThe package database changed from {} to {}: versions are not compared.\n",
                       markdown_escape(family.front()->expected), markdown_escape(family.front()->actual));
    ++shown;
  }
  struct Section {
    std::string_view change;
    std::string_view title;
    bool before;
    bool after;
  };
  constexpr Section k_sections[] = {{"package.added", "Added", false, true},
                                    {"package.upgraded", "Upgraded", true, true},
                                    {"package.downgraded", "Downgraded", true, true},
                                    {"package.removed", "Removed", true, false}};
  for (const Section& section : k_sections) {
    const auto& findings = groups[std::string(section.change)];
    if (findings.empty()) continue;
    shown += findings.size();
    out << fmt::format("\n### {} ({})\n\n| Package | Architecture |{}{}\n|---|---|{}{}\n", section.title,
                       findings.size(), section.before ? " Before |" : "", section.after ? " After |" : "",
                       section.before ? "---|" : "", section.after ? "---|" : "");
    for (const BaselineFinding* finding : findings) {
      const std::string subject = change_of(*finding).subject;
      const Installed old_one = installed(a, subject);
      const Installed new_one = installed(b, subject);
      const std::string name = subject.substr(0, subject.find(':'));
      out << fmt::format("| {} | {} |", markdown_code(name), cell(section.after ? new_one.arches : old_one.arches, ""));
      if (section.before) out << fmt::format(" {} |", markdown_code(old_one.versions));
      if (section.after) out << fmt::format(" {} |", markdown_code(new_one.versions));
      out << "\n";
    }
  }
  if (shown == 0) out << "\nNo package was added, upgraded, downgraded or removed.\n";
}

void abi_section(std::ostream& out, const Grouped& groups) {
  // Every ABI finding by library, in library order; removals first (they are what breaks a
  // consumer), then additions, each in the diff's order.
  std::map<std::string, std::vector<std::pair<bool, std::string>>> libraries;  // (is an addition, line)
  for (const auto& [change, findings] : groups) {
    const bool added = change.ends_with(".added");
    for (const BaselineFinding* finding : findings) {
      const Change split = change_of(*finding);
      if (change == "library.added" || change == "library.removed") {
        libraries[split.subject].emplace_back(
            added, fmt::format("Library {}: {}", added ? "added" : "removed",
                               markdown_escape(added ? finding->actual : finding->expected)));
      } else if (change == "soname.changed") {
        libraries[split.subject].emplace_back(
            false, fmt::format("Soname changed: {} → {}", markdown_escape(finding->expected),
                               markdown_escape(finding->actual)));
      } else if (change.starts_with("symbol.") || change.starts_with("version.")) {
        const auto [library, name] = library_and_name(split, *finding);
        libraries[library].emplace_back(added, fmt::format("{} {}: {}", change.starts_with("symbol.") ? "Symbol" : "Version",
                                                           added ? "added" : "removed", markdown_code(name)));
      }
    }
  }
  out << "\n## ABI\n";
  if (libraries.empty()) {
    out << "\nNo library, exported symbol or symbol version changed.\n";
    return;
  }
  for (auto& [library, lines] : libraries) {
    std::ranges::stable_sort(lines, {}, &std::pair<bool, std::string>::first);
    out << fmt::format("\n### {}\n\n", markdown_escape(library));
    for (const auto& [added, line] : lines) out << "- " << line << "\n";
  }
}

void ports_section(std::ostream& out, Grouped& groups) {
  out << "\n## Ports\n\n";
  const auto& opened = groups["port.opened"];
  const auto& closed = groups["port.closed"];
  if (opened.empty() && closed.empty()) {
    out << "No listening port opened or closed.\n";
    return;
  }
  for (const BaselineFinding* finding : opened) out << fmt::format("- Opened: {}\n", markdown_escape(finding->actual));
  for (const BaselineFinding* finding : closed) out << fmt::format("- Closed: {}\n", markdown_escape(finding->expected));
}

void sysctl_section(std::ostream& out, const Snapshot& a, const Snapshot& b, Grouped& groups) {
  out << "\n## Kernel parameters\n\n";
  const auto& changed = groups["sysctl.changed"];
  if (changed.empty()) {
    out << "No kernel parameter changed.\n";
    return;
  }
  out << "| Parameter | Before | After |\n|---|---|---|\n";
  for (const BaselineFinding* finding : changed) {
    const std::string key = change_of(*finding).subject;
    out << fmt::format("| {} | {} | {} |\n", markdown_code(key), sysctl_value(a, key), sysctl_value(b, key));
  }
}

void errors_section(std::ostream& out, const std::vector<BaselineFinding>& findings) {
  const auto errors = std::ranges::count_if(findings, &BaselineFinding::error);
  if (errors == 0) return;
  out << "\n## Not compared\n\n";
  for (const BaselineFinding& finding : findings) {
    if (finding.error) out << fmt::format("- {}: {}\n", markdown_escape(finding.expected), markdown_escape(finding.actual));
  }
}

}  // namespace

void print_release_notes(std::ostream& out, const Snapshot& a, const Snapshot& b,
                         const std::vector<BaselineFinding>& findings) {
  Grouped groups;
  for (const BaselineFinding& finding : findings) {
    if (!finding.error) groups[change_of(finding).what].push_back(&finding);
  }
  header(out, a, b);
  os_section(out, a, b);
  packages_section(out, a, b, groups);
  abi_section(out, groups);
  ports_section(out, groups);
  sysctl_section(out, a, b, groups);
  errors_section(out, findings);
}

}  // namespace hallmark::reports
