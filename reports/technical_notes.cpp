#include "reports/technical_notes.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "probes/probe_registry.hpp"
#include "probes/waiver_gate.hpp"
#include "util/percent_encoding.hpp"

namespace hallmark::reports {

namespace {

using notes::Line;
using notes::Section;
using notes::Span;

// The areas promises are grouped by, in the order the notes list them.
struct Area {
  std::string_view title;
  std::array<std::string_view, 2> kinds;
};
constexpr std::array<Area, 9> k_areas{{{"Operating system", {"os", ""}},
                                      {"Packages and version floors", {"package", ""}},
                                      {"ABI: libraries, exported symbols and version ceilings", {"symbols", ""}},
                                      {"Ports", {"port", ""}},
                                      {"Kernel parameters", {"sysctl", "kernel"}},
                                      {"Files", {"file", ""}},
                                      {"Services", {"service", ""}},
                                      {"Accounts", {"user", "group"}},
                                      {"Commands", {"command", ""}}}};
constexpr std::string_view k_regression_kind = "regression";

// A bug id, linked when the contract says where bugs live on the web (no other URL scheme is
// linked: a notes page must not run anything when clicked).
Span bug_span(const contracts::Contract& contract, const std::string& bug) {
  const bool web = contract.bug_url && (contract.bug_url->starts_with("https://") || contract.bug_url->starts_with("http://"));
  if (!web) return Span::plain_text(bug);
  std::string url = *contract.bug_url;
  url.replace(url.find("{}"), 2, util::percent_encode(bug));
  return Span::link(bug, url);
}

// What a clause promises, in the words its verdict uses: the expectation the probe states
// before it looks at any fact.
std::string promise_of(const contracts::Clause& clause) {
  const std::string expected = probes::evaluate_clause(clause, {}).expected;
  return expected.empty() ? clause.id : expected;
}

Line promise_line(const contracts::Contract& contract, const contracts::Clause& clause) {
  Line line{Span::plain_text(promise_of(clause))};
  if (clause.description) line.push_back(Span::plain_text(": " + *clause.description));
  if (clause.bug) {
    line.push_back(Span::plain_text(" (bug "));
    line.push_back(bug_span(contract, *clause.bug));
    line.push_back(Span::plain_text(")"));
  }
  if (clause.severity == contracts::Severity::warning) line.push_back(Span::plain_text(" (a warning: never blocks)"));
  line.push_back(Span::plain_text(" "));
  line.push_back(Span::code(clause.id));
  return line;
}

int days_between(std::chrono::year_month_day from, std::chrono::year_month_day to) {
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

std::string days(int count) { return fmt::format("{} day{}", count, count == 1 ? "" : "s"); }

Section service_life(const contracts::Contract& contract, std::chrono::year_month_day today) {
  Section section{3, "Service life", {}, {}, {}};
  if (!contract.support_until) {
    section.paragraphs.push_back({Span::plain_text("No end of support is set (support_until).")});
    return section;
  }
  const std::string until = probes::date_text(*contract.support_until);
  const int left = days_between(today, *contract.support_until);
  section.paragraphs.push_back({Span::plain_text(
      left > 0 ? fmt::format("Supported until {}: {} left (on {}).", until, days(left), probes::date_text(today))
               : fmt::format("Support ended on {}, {} ago (on {}): runs report a lifecycle warning.", until, days(-left),
                             probes::date_text(today)))});
  return section;
}

std::vector<Section> promises(const contracts::Contract& contract) {
  std::vector<Section> sections;
  const auto in_area = [](const Area& area, const std::string& kind) {
    return std::ranges::find(area.kinds, std::string_view(kind)) != area.kinds.end() && !kind.empty();
  };
  for (const Area& area : k_areas) {
    Section section{3, std::string(area.title), {}, {}, {}};
    for (const contracts::Clause& clause : contract.clauses) {
      if (in_area(area, clause.kind)) section.items.push_back(promise_line(contract, clause));
    }
    if (!section.items.empty()) sections.push_back(std::move(section));
  }
  Section other{3, "Other promises", {}, {}, {}};
  for (const contracts::Clause& clause : contract.clauses) {
    const bool known = clause.kind == k_regression_kind ||
                       std::ranges::any_of(k_areas, [&](const Area& area) { return in_area(area, clause.kind); });
    if (!known) other.items.push_back(promise_line(contract, clause));
  }
  if (!other.items.empty()) sections.push_back(std::move(other));
  return sections;
}

Section known_issues(const contracts::Contract& contract, std::chrono::year_month_day today) {
  Section section{3, "Known issues", {}, {}, {{"Bug", "Clause", "Justification", "Waived until"}, {}}};
  for (const contracts::Waiver& waiver : contract.waivers) {
    if (std::chrono::sys_days{waiver.expires} <= std::chrono::sys_days{today}) continue;
    section.table.rows.push_back({{bug_span(contract, waiver.bug)},
                                  {Span::code(waiver.clause)},
                                  {Span::plain_text(waiver.justification)},
                                  {Span::plain_text(fmt::format("{} ({} left)", probes::date_text(waiver.expires),
                                                                days(days_between(today, waiver.expires))))}});
  }
  if (section.table.rows.empty()) section.paragraphs.push_back({Span::plain_text("None: no failure is waived.")});
  return section;
}

Section regression_guards(const contracts::Contract& contract) {
  Section section{3, "Regression guards", {}, {}, {{"Bug", "Check", "What it keeps fixed"}, {}}};
  for (const contracts::Clause& clause : contract.clauses) {
    if (clause.kind != k_regression_kind) continue;
    section.table.rows.push_back({{clause.bug ? bug_span(contract, *clause.bug) : Span::plain_text("")},
                                  {Span::code(clause.id)},
                                  {Span::plain_text(clause.description.value_or(promise_of(clause)))}});
  }
  if (section.table.rows.empty()) section.paragraphs.push_back({Span::plain_text("None yet (hallmark add regression adds one).")});
  return section;
}

std::vector<Section> certification_sections(const Certification& run) {
  Section summary{2, "Last certification", {}, {}, {}};
  summary.paragraphs.push_back({Span::plain_text(fmt::format("Certified by hallmark {}.", run.hallmark_version))});
  summary.table.header = {"Contract", "Image", "Image id", "Date (UTC)", "Passed", "Failed", "Errors", "Waived or skipped"};
  for (const CertifiedSuite& suite : run.suites) {
    Line image{Span::code(suite.image.empty() ? suite.target : suite.image)};
    for (const std::string& digest : suite.image_digests) {
      image.push_back(Span::plain_text(" "));
      image.push_back(Span::code(digest));
    }
    summary.table.rows.push_back({{Span::plain_text(fmt::format("{} {}", suite.contract, suite.contract_version))},
                                  image,
                                  {Span::code(suite.image_id.empty() ? "(none)" : suite.image_id)},
                                  {Span::plain_text(suite.timestamp)},
                                  {Span::plain_text(std::to_string(suite.passed))},
                                  {Span::plain_text(std::to_string(suite.failed))},
                                  {Span::plain_text(std::to_string(suite.errors))},
                                  {Span::plain_text(std::to_string(suite.skipped))}});
  }
  Section clauses{3, "Clauses that did not pass", {}, {}, {}};
  for (const CertifiedClause& clause : run.not_passed) {
    const std::string what = clause.verdict == "fail"    ? "failed"
                             : clause.verdict == "error" ? "could not be judged"
                                                         : "waived under " + clause.waiver_bug;
    clauses.items.push_back({Span::code(clause.id),
                             Span::plain_text(fmt::format(" ({}) {}: expected {}; actual {}", clause.contract, what,
                                                          clause.expected, clause.actual))});
  }
  if (clauses.items.empty()) clauses.paragraphs.push_back({Span::plain_text("Every clause passed.")});
  return {summary, clauses};
}

}  // namespace

notes::Document technical_notes(const std::vector<contracts::Contract>& contracts,
                                const std::optional<Certification>& certification, std::chrono::year_month_day today) {
  std::vector<std::string> names;
  for (const contracts::Contract& contract : contracts) names.push_back(fmt::format("{} {}", contract.name, contract.version));
  notes::Document document{fmt::format("Technical notes: {}", fmt::join(names, ", ")), {}};
  for (const contracts::Contract& contract : contracts) {
    Section head{2, fmt::format("{} {}", contract.name, contract.version), {}, {}, {}};
    if (!contract.description.empty()) head.paragraphs.push_back({Span::plain_text(contract.description)});
    if (!contract.owner.empty()) head.paragraphs.push_back({Span::plain_text("Owner: " + contract.owner)});
    document.sections.push_back(std::move(head));
    document.sections.push_back(service_life(contract, today));
    for (Section& section : promises(contract)) document.sections.push_back(std::move(section));
    document.sections.push_back(known_issues(contract, today));
    document.sections.push_back(regression_guards(contract));
  }
  if (certification) {
    for (Section& section : certification_sections(*certification)) document.sections.push_back(std::move(section));
  }
  return document;
}

}  // namespace hallmark::reports
