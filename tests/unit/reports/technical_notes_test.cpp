#include "reports/technical_notes.hpp"

#include <chrono>

#include <gtest/gtest.h>

#include "contracts/contract_loader.hpp"
#include "reports/json_writer.hpp"
#include "reports/notes_html.hpp"
#include "reports/notes_markdown.hpp"
#include "runner/transports/process.hpp"
#include "support/hallmark_cli.hpp"
#include "support/temp_dir.hpp"
#include "support/text_assertions.hpp"

namespace hallmark::reports {
namespace {

using namespace std::chrono;
using testing::contains;

contracts::Contract fixture() {
  auto contract = contracts::load_contract(testing::source_path("tests/data/contracts/notes.toml"));
  EXPECT_TRUE(contract.has_value());
  return *contract;
}

constexpr year_month_day k_today{2026y, December, 1d};

// A run of the fixture: openssl failed under its waiver, the sysctl warned, the rest passed.
Certification certification() {
  const contracts::Contract contract = fixture();
  SuiteResult suite;
  suite.contract_name = contract.name;
  suite.contract_version = contract.version;
  suite.provenance = {.target = "docker-image:core:12.6", .image = "core:12.6", .image_id = "sha256:abc",
                      .image_digests = {"reg.example/core@sha256:def"}};
  suite.timestamp = "2026-11-30T10:00:00";
  for (const contracts::Clause& clause : contract.clauses) {
    probes::ClauseResult result{clause, probes::Outcome::pass("ok", "ok"), std::nullopt};
    if (clause.id == "package.openssl") {
      result.outcome = {probes::Verdict::skipped, "openssl >= 3.0.11", "openssl 3.0.9 (waived)", ""};
      result.waiver = contract.waivers.front();
    }
    if (clause.id == "sysctl.kernel.randomize_va_space") result.outcome = probes::Outcome::fail("= 2", "= 0");
    suite.clauses.push_back(result);
  }
  RunResult run;
  run.suites = {suite};
  return *read_certification(render_json(run), "run.json");
}

std::string read_as(std::string_view kind, const std::string& text) {
  testing::TempDir dir;
  const std::string path = dir.write("notes", text);
  const auto read = runner::transports::run_process(
      {"/usr/bin/python3", testing::source_path("tests/support/read_document.py"), std::string(kind), path}, {},
      std::chrono::seconds{60});
  EXPECT_TRUE(read && read->exit_code == 0) << (read ? read->err : read.error());
  return read ? read->out : "";
}

TEST(TechnicalNotes, ServiceLifeCountsTheDaysLeft) {
  const std::string md = render_notes_markdown(technical_notes({fixture()}, std::nullopt, k_today));
  EXPECT_TRUE(contains(md, "Supported until 2030\\-01\\-31: 1157 days left \\(on 2026\\-12\\-01\\)\\."));
  contracts::Contract ended = fixture();
  ended.support_until = year_month_day{2026y, November, 30d};
  EXPECT_TRUE(contains(render_notes_markdown(technical_notes({ended}, std::nullopt, k_today)),
                       "Support ended on 2026\\-11\\-30, 1 day ago"));
}

TEST(TechnicalNotesConsumer, MarkdownReadsAsAreasKnownIssuesGuardsAndCertification) {
  const std::string structure = read_as("markdown", render_notes_markdown(technical_notes({fixture()}, certification(), k_today)));
  for (const std::string_view line :
       {"h1 Technical notes: core-notes 2.1.0\n", "h2 core-notes 2.1.0\n", "h3 Service life\n", "h3 Operating system\n",
        "h3 Packages and version floors\n", "h3 ABI: libraries, exported symbols and version ceilings\n", "h3 Ports\n",
        "h3 Kernel parameters\n", "h3 Files\n", "h3 Services\n", "h3 Accounts\n",
        // A row's link is read before the row itself.
        "h3 Known issues\nrow Bug | Clause | Justification | Waived until\na SEC#7 -> https://bugs.example/show?id=SEC%237\n"
        "row SEC#7 | package.openssl | 3.0.13 ships in 12.7 | 2030-01-01 (1127 days left)\n",
        "h3 Regression guards\nrow Bug | Check | What it keeps fixed\na BZ#2051 -> https://bugs.example/show?id=BZ%232051\n"
        "row BZ#2051 | regression.bz-2051 | /bin/sh must stay dash\n",
        "h2 Last certification\n",
        "row core-notes 2.1.0 | core:12.6 reg.example/core@sha256:def | sha256:abc | 2026-11-30T10:00:00 | 7 | 1 | 0 | 1\n",  // 9 clauses: 1 failed, 1 waived
        "h3 Clauses that did not pass\n",
        "li package.openssl (core-notes) waived under SEC#7: expected openssl >= 3.0.11; actual openssl 3.0.9 (waived)\n",
        "li sysctl.kernel.randomize_va_space (core-notes) failed: expected = 2; actual = 0\n",
        "a SEC#7 -> https://bugs.example/show?id=SEC%237\n"}) {
    EXPECT_TRUE(contains(structure, line));
  }
  EXPECT_FALSE(contains(structure, "BZ#1 |")) << "an expired waiver is no known issue";
}

TEST(TechnicalNotesConsumer, HtmlIsOneWellFormedSelfContainedPageWithTheSameStructure) {
  const notes::Document document = technical_notes({fixture()}, certification(), k_today);
  const std::string html = render_notes_html(document);
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n"));
  EXPECT_TRUE(contains(html, "<p>Core build &lt;for&gt; *teams*</p>"));
  EXPECT_TRUE(contains(html, "@media print"));
  const std::string structure = read_as("html", html);
  EXPECT_FALSE(contains(structure, "error: ")) << structure;
  EXPECT_EQ(structure.substr(structure.find("h1 ")), read_as("markdown", render_notes_markdown(document)));
}

TEST(TechnicalNotes, OnlyWebBugUrlsBecomeLinks) {
  contracts::Contract contract = fixture();
  contract.bug_url = "javascript:alert({})";
  const std::string html = render_notes_html(technical_notes({contract}, std::nullopt, k_today));
  EXPECT_FALSE(contains(html, "javascript:"));
  EXPECT_FALSE(contains(html, "<a "));
}

TEST(Certification, AnythingButARunReportIsRefused) {
  EXPECT_EQ(read_certification("{}", "x.json").error(),
            "x.json is not a hallmark run report: format 1 with suites expected (hallmark run --json FILE writes one)");
  EXPECT_EQ(read_certification("nope", "x.json").error(), "x.json is not a hallmark run report: not a JSON object");
}

}  // namespace
}  // namespace hallmark::reports
