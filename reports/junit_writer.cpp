#include "reports/junit_writer.hpp"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "probes/waiver_gate.hpp"
#include "reports/xml_text.hpp"

namespace hallmark::reports {

namespace {

void add_property(pugi::xml_node properties, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  pugi::xml_node property = properties.append_child("property");
  property.append_attribute("name").set_value(xml_safe(name).c_str());
  property.append_attribute("value").set_value(xml_safe(value).c_str());
}

void add_text_child(pugi::xml_node parent, const char* name, std::string_view text) {
  parent.append_child(name).append_child(pugi::node_pcdata).set_value(xml_safe(text).c_str());
}

// The body of a <failure> or <error>: what a person needs to act without opening the contract.
std::string detail(const probes::ClauseResult& result) {
  std::string text = fmt::format("expected: {}\nactual:   {}\nclause:   {} ({})", result.outcome.expected,
                                 result.outcome.actual, result.clause.id, result.clause.place.str());
  if (result.clause.bug) text += fmt::format("\nbug:      {}", *result.clause.bug);
  if (result.clause.description) text += fmt::format("\nwhy:      {}", *result.clause.description);
  return text;
}

void add_testcase(pugi::xml_node suite, const std::string& group, const probes::ClauseResult& result) {
  pugi::xml_node testcase = suite.append_child("testcase");
  // The bug id is part of the name, so an auditor finds the check that guards a bug in Jenkins.
  const std::string name = result.clause.bug ? fmt::format("{} [{}]", result.clause.id, *result.clause.bug) : result.clause.id;
  testcase.append_attribute("name").set_value(xml_safe(name).c_str());
  testcase.append_attribute("classname")
      .set_value(xml_safe(fmt::format("{}.{}", group, result.clause.kind)).c_str());
  testcase.append_attribute("time").set_value("0");
  const probes::Outcome& outcome = result.outcome;
  const auto add_problem = [&](const char* element, std::string_view type, std::string_view message) {
    pugi::xml_node problem = testcase.append_child(element);
    problem.append_attribute("type").set_value(std::string(type).c_str());
    problem.append_attribute("message").set_value(xml_safe(message, 1024).c_str());
    problem.append_child(pugi::node_pcdata).set_value(xml_safe(detail(result)).c_str());
  };
  switch (outcome.verdict) {
    case probes::Verdict::pass: break;
    case probes::Verdict::fail:
      if (result.clause.severity == contracts::Severity::warning) {
        // A warning never fails the gate, so Jenkins must not count it as a failure.
        pugi::xml_node skipped = testcase.append_child("skipped");
        skipped.append_attribute("message")
            .set_value(xml_safe(fmt::format("warning: expected {}; actual {}", outcome.expected, outcome.actual), 1024).c_str());
      } else {
        add_problem("failure", "violation", fmt::format("expected {}; actual {}", outcome.expected, outcome.actual));
      }
      break;
    // The type tells a pipeline what to do: "infrastructure" (retry), "deterministic" (a person must
    // look), "internal" (hallmark failed).
    case probes::Verdict::error: add_problem("error", probes::to_string(outcome.error_kind), outcome.actual); break;
    case probes::Verdict::skipped: {
      pugi::xml_node skipped = testcase.append_child("skipped");
      skipped.append_attribute("message").set_value(xml_safe(outcome.actual, 1024).c_str());
      break;
    }
  }
  if (!outcome.evidence.empty()) add_text_child(testcase, "system-out", outcome.evidence);
}

// Jenkins groups test cases by the classname up to its last dot and merges suites of the same
// name; GitLab keeps one of two cases with equal classname and name. So the target is always part
// of the group, "<contract>@<label>" (dots made '_'), and reports of two targets merged by a CI
// keep both.
std::string group_of(const SuiteResult& suite) {
  std::string target = suite.target_label.empty() ? suite.provenance.target : suite.target_label;
  std::replace(target.begin(), target.end(), '.', '_');
  return fmt::format("{}@{}", suite.contract_name, target);
}

void add_suite(pugi::xml_node root, const RunResult& run, const SuiteResult& suite) {
  const probes::Counts counts = count(suite);
  const std::string group = group_of(suite);
  pugi::xml_node node = root.append_child("testsuite");
  node.append_attribute("name").set_value(xml_safe(group).c_str());
  node.append_attribute("tests").set_value(counts.total);
  node.append_attribute("failures").set_value(counts.blocking_failures);
  node.append_attribute("errors").set_value(counts.errors);
  node.append_attribute("skipped").set_value(counts.total - counts.passed - counts.blocking_failures - counts.errors);
  node.append_attribute("time").set_value(fmt::format("{:.3f}", suite.seconds).c_str());
  node.append_attribute("timestamp").set_value(suite.timestamp.c_str());
  node.append_attribute("hostname").set_value(xml_safe(suite.provenance.hostname).c_str());

  pugi::xml_node properties = node.append_child("properties");
  add_property(properties, "hallmark.version", run.hallmark_version);
  add_property(properties, "contract.name", suite.contract_name);
  add_property(properties, "contract.version", suite.contract_version);
  add_property(properties, "contract.file", suite.contract_file);
  add_property(properties, "contract.sha256", suite.contract_sha256);
  add_property(properties, "target", suite.provenance.target);
  add_property(properties, "target.label", suite.target_label);
  add_property(properties, "target.image", suite.provenance.image);
  add_property(properties, "target.image_id", suite.provenance.image_id);
  for (const std::string& digest : suite.provenance.image_digests) add_property(properties, "target.image_digest", digest);
  add_property(properties, "target.host_key", suite.provenance.host_key);
  for (const auto& [name, value] : suite.provenance.properties) add_property(properties, "target." + name, value);
  for (const contracts::IncludedFile& include : suite.includes) {
    add_property(properties, "contract.include", fmt::format("{} sha256:{}", include.file, include.sha256));
  }
  add_property(properties, "selection", suite.selection);
  for (const probes::ClauseResult& result : suite.clauses) {
    if (result.clause.bug) add_property(properties, fmt::format("bug.{}", result.clause.id), *result.clause.bug);
    if (result.waiver) {
      add_property(properties, fmt::format("waiver.{}", result.clause.id),
                   fmt::format("{} until {}: {}", result.waiver->bug, probes::date_text(result.waiver->expires),
                               result.waiver->justification));
    }
  }
  for (const probes::ClauseResult& result : suite.clauses) add_testcase(node, group, result);
  if (suite.target_problem) add_text_child(node, "system-err", *suite.target_problem);
}

}  // namespace

std::string render_junit(const RunResult& run) {
  pugi::xml_document document;
  pugi::xml_node declaration = document.append_child(pugi::node_declaration);
  declaration.append_attribute("version").set_value("1.0");
  declaration.append_attribute("encoding").set_value("UTF-8");
  const probes::Counts counts = count(run);
  pugi::xml_node root = document.append_child("testsuites");
  root.append_attribute("name").set_value("hallmark");
  root.append_attribute("tests").set_value(counts.total);
  root.append_attribute("failures").set_value(counts.blocking_failures);
  root.append_attribute("errors").set_value(counts.errors);
  root.append_attribute("time").set_value(fmt::format("{:.3f}", run.seconds).c_str());
  for (const SuiteResult& suite : run.suites) add_suite(root, run, suite);
  std::ostringstream out;
  document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace hallmark::reports
