#include "reports/junit_writer.hpp"

#include <filesystem>
#include <set>
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "reports/json_writer.hpp"
#include "reports/xml_text.hpp"
#include "runner/transports/process.hpp"
#include "support/hallmark_cli.hpp"
#include "support/junit_schema.hpp"
#include "support/temp_dir.hpp"
#include "util/text.hpp"

namespace hallmark::reports {
namespace {

probes::ClauseResult clause_result(std::string id, std::string kind, probes::Outcome outcome,
                           contracts::Severity severity = contracts::Severity::blocking) {
  contracts::Clause clause;
  clause.id = std::move(id);
  clause.kind = std::move(kind);
  clause.severity = severity;
  clause.place = {"c.toml", 7, 1};
  return {clause, std::move(outcome)};
}

RunResult sample_run() {
  SuiteResult suite;
  suite.contract_name = "debian12-base";
  suite.contract_version = "1.4.0";
  suite.contract_sha256 = "abc";
  suite.provenance = {"docker-image:candidate:latest", "candidate:latest", "sha256:1234", {"repo@sha256:99"}, "builder"};
  suite.timestamp = "2026-11-24T12:00:00";
  suite.seconds = 1.5;
  suite.clauses.push_back(clause_result("package.openssl", "package", probes::Outcome::pass("openssl installed", "openssl 3 installed")));
  auto failing = clause_result("package.telnetd", "package", probes::Outcome::fail("telnetd not installed", "telnetd 0.17 installed"));
  failing.clause.bug = "BZ#1234";
  suite.clauses.push_back(failing);
  suite.clauses.push_back(clause_result("port.tcp-22", "port", probes::Outcome::error("tcp port 22 listening", "target lost")));
  suite.clauses.push_back(clause_result("shell", "command", probes::Outcome::fail("exit 0", "exit 1"), contracts::Severity::warning));
  RunResult run;
  run.suites.push_back(suite);
  run.seconds = 1.6;
  return run;
}

pugi::xml_document parse(const std::string& xml) {
  pugi::xml_document document;
  const auto result = document.load_string(xml.c_str());
  EXPECT_TRUE(result) << result.description();
  return document;
}

TEST(JUnitWriter, ClassnameGroupsByContractAndKind) {
  const auto document = parse(render_junit(sample_run()));
  const auto testcase = document.select_node("//testcase[@name='package.telnetd [BZ#1234]']").node();
  EXPECT_STREQ(testcase.attribute("classname").value(), "debian12-base@docker-image:candidate:latest.package");
  const auto failure = testcase.child("failure");
  ASSERT_TRUE(failure);
  EXPECT_STREQ(failure.attribute("message").value(), "expected telnetd not installed; actual telnetd 0.17 installed");
  EXPECT_NE(std::string(failure.text().get()).find("bug:      BZ#1234"), std::string::npos);
}

TEST(JUnitWriter, CountsAndVerdictElements) {
  const auto document = parse(render_junit(sample_run()));
  const auto suite = document.select_node("//testsuite").node();
  EXPECT_STREQ(suite.attribute("tests").value(), "4");
  EXPECT_STREQ(suite.attribute("failures").value(), "1");
  EXPECT_STREQ(suite.attribute("errors").value(), "1");
  EXPECT_STREQ(suite.attribute("skipped").value(), "1");
  EXPECT_TRUE(document.select_node("//testcase[@name='port.tcp-22']/error").node());
  // A warning never fails the gate, so Jenkins must not see a failure for it.
  EXPECT_FALSE(document.select_node("//testcase[@name='shell']/failure").node());
  EXPECT_TRUE(document.select_node("//testcase[@name='shell']/skipped").node());
}

TEST(JUnitWriter, PropertiesCarryProvenance) {
  const auto document = parse(render_junit(sample_run()));
  const auto value = [&](const char* name) {
    return std::string(document.select_node((std::string("//property[@name='") + name + "']").c_str()).node().attribute("value").value());
  };
  EXPECT_EQ(value("contract.name"), "debian12-base");
  EXPECT_EQ(value("contract.version"), "1.4.0");
  EXPECT_EQ(value("target.image_id"), "sha256:1234");
  EXPECT_EQ(value("target.image_digest"), "repo@sha256:99");
  EXPECT_EQ(value("bug.package.telnetd"), "BZ#1234");
  EXPECT_EQ(value("hallmark.version"), HALLMARK_VERSION);
}

TEST(JUnitWriter, TargetPropertiesArePrintedAsTargetProperties) {
  RunResult run = sample_run();
  run.suites[0].provenance.properties = {{"disk.sha256", "5d41"}, {"qemu.cpu", "max"}};
  const auto document = parse(render_junit(run));
  const auto value = [&](const char* name) {
    return std::string(document.select_node((std::string("//property[@name='") + name + "']").c_str()).node().attribute("value").value());
  };
  EXPECT_EQ(value("target.disk.sha256"), "5d41");
  EXPECT_EQ(value("target.qemu.cpu"), "max");
}

TEST(JUnitWriter, HostileTargetOutputStaysReadableAndValid) {
  RunResult run = sample_run();
  std::string hostile = "esc\x1b[31m nul";
  hostile += '\0';
  hostile += " bad-utf8 \xc3\x28 ]]> </system-out> <!-- & \"'";
  run.suites[0].clauses[1].outcome.evidence = hostile;
  run.suites[0].clauses[1].outcome.actual = hostile;
  const std::string xml = render_junit(run);
  const auto document = parse(xml);
  const std::string out = document.select_node("//testcase[@name='package.telnetd [BZ#1234]']/system-out").node().text().get();
  EXPECT_NE(out.find("esc\\x1b[31m nul\\x00 bad-utf8 \\xc3( ]]> </system-out> <!-- & \"'"), std::string::npos) << out;
  testing::TempDir dir;
  EXPECT_EQ(testing::validate_junit(dir.write("r.xml", xml)), "");
}

TEST(JUnitWriter, SampleReportValidatesAgainstJenkinsSchema) {
  testing::TempDir dir;
  EXPECT_EQ(testing::validate_junit(dir.write("r.xml", render_junit(sample_run()))), "");
}

TEST(XmlSafe, LongTextIsCutWithANote) {
  EXPECT_EQ(xml_safe(std::string(10, 'a'), 4), "aaaa\n[... 6 more bytes cut by hallmark]");
  EXPECT_EQ(xml_safe("ok \xe2\x9c\x93 \t\n"), "ok \xe2\x9c\x93 \t\n");
}

TEST(JsonWriter, CarriesTheSameVerdictsWithTypes) {
  const std::string json = render_json(sample_run());
  EXPECT_NE(json.find("\"format\": 1"), std::string::npos);
  EXPECT_NE(json.find("\"verdict\": \"fail\""), std::string::npos);
  EXPECT_NE(json.find("\"blocking_failures\": 1"), std::string::npos);
  EXPECT_NE(json.find("\"bug\": \"BZ#1234\""), std::string::npos);
}

TEST(JsonWriter, TargetPropertiesAreOneObject) {
  RunResult run = sample_run();
  run.suites[0].provenance.properties = {{"qemu.firmware", "uefi"}};
  EXPECT_NE(render_json(run).find("\"properties\": {\n          \"qemu.firmware\": \"uefi\"\n        }"), std::string::npos)
      << render_json(run);
}

}  // namespace
}  // namespace hallmark::reports

namespace hallmark::reports {
namespace {

// Reads a report back with a real consumer (python3-junitparser), as a CI server would.
std::string read_back(const RunResult& run) {
  testing::TempDir dir;
  const std::string path = dir.write("r.xml", render_junit(run));
  const auto result = runner::transports::run_process({"/usr/bin/python3", testing::source_path("tests/support/read_junit.py"), path}, {},
                                          std::chrono::seconds{60});
  EXPECT_TRUE(result && result->exit_code == 0) << (result ? result->err : result.error());
  return result ? result->out : "";
}

TEST(JUnitConsumer, JunitparserReadsEveryVerdict) {
  RunResult run = sample_run();
  run.suites[0].target_label = "core";
  EXPECT_EQ(read_back(run),
            "debian12-base@core|debian12-base@core.package|package.openssl|pass|\n"
            "debian12-base@core|debian12-base@core.package|package.telnetd [BZ#1234]|failure|expected telnetd not installed; actual "
            "telnetd 0.17 installed\n"
            "debian12-base@core|debian12-base@core.port|port.tcp-22|error|target lost\n"
            "debian12-base@core|debian12-base@core.command|shell|skipped|warning: expected exit 0; actual exit 1\n");
}

TEST(JUnitConsumer, SeveralTargetsAreSeparateGroups) {
  RunResult run = sample_run();
  SuiteResult second = run.suites.front();
  second.provenance.target = "docker-image:registry.local/app:1.2";
  second.clauses.resize(1);
  run.suites.push_back(second);
  const std::string lines = read_back(run);
  EXPECT_NE(lines.find("debian12-base@docker-image:candidate:latest|debian12-base@docker-image:candidate:latest.package|"
                       "package.openssl|pass|"),
            std::string::npos)
      << lines;
  EXPECT_NE(lines.find("debian12-base@docker-image:registry_local/app:1_2.package|package.openssl|pass|"), std::string::npos)
      << lines;
}

// Two pipeline stages, one image each, publish one report each; the CI reads them together.
TEST(JUnitConsumer, TwoReportsOfOneContractMergedKeepEveryCaseApart) {
  RunResult first = sample_run(), second = sample_run();
  first.suites[0].target_label = "core-12.5";
  second.suites[0].target_label = "core-12.6";
  const std::string lines = read_back(first) + read_back(second);
  std::set<std::string> identities;  // what GitLab and Jenkins key a case on: classname and name
  int cases = 0;
  for (const auto line : util::split(lines, '\n')) {
    if (line.empty()) continue;
    ++cases;
    const auto fields = util::split(line, '|');
    identities.insert(std::string(fields[1]) + "|" + std::string(fields[2]));
  }
  EXPECT_EQ(cases, 8);
  EXPECT_EQ(identities.size(), 8u) << lines;
  EXPECT_NE(lines.find("debian12-base@core-12_6|debian12-base@core-12_6.package|package.openssl|pass|"), std::string::npos) << lines;
}

TEST(JUnitWriter, ErrorTypeSaysWhetherARetryCanHelp) {
  RunResult run = sample_run();
  run.suites[0].clauses.push_back(
      clause_result("package.telnet-server", "package", probes::Outcome::error("absent", "rpm -qa exited 1", probes::ErrorKind::deterministic)));
  const auto document = parse(render_junit(run));
  EXPECT_STREQ(document.select_node("//testcase[@name='port.tcp-22']/error").node().attribute("type").value(), "infrastructure");
  EXPECT_STREQ(document.select_node("//testcase[@name='package.telnet-server']/error").node().attribute("type").value(), "deterministic");
}

}  // namespace
}  // namespace hallmark::reports
