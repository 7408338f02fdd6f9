// The judge's own results: the baseline summary, and errors of an unreachable target.
#include "probes/judge.hpp"

#include <algorithm>
#include <chrono>

#include <gtest/gtest.h>

namespace hallmark::probes {
namespace {

Facts with_packages(std::vector<InstalledPackage> installed) {
  Facts facts;
  facts.packages = PackageFacts{VersionScheme::dpkg, std::move(installed)};
  return facts;
}

const ClauseResult& summary_of(const std::vector<ClauseResult>& results) {
  const auto found = std::ranges::find(results, std::string("baseline"), [](const ClauseResult& r) { return r.clause.id; });
  EXPECT_NE(found, results.end());
  return *found;
}

class JudgeBaseline : public ::testing::Test {
 protected:
  std::vector<ClauseResult> judge(const Facts& candidate) {
    const JudgeContext context{.baseline = &baseline, .today = std::chrono::year{2026} / 12 / 1};
    return judge_contract(contract, candidate, context);
  }

  contracts::Contract contract{.name = "c", .file = "c.toml"};
  Snapshot baseline{{"docker-image:core:12.5", "core:12.5", "sha256:aa", {}, "", ""},
                    with_packages({{"libc6", "2.36-9", "amd64"}, {"libfoo", "1.0-1", "amd64"}})};
};

TEST_F(JudgeBaseline, SummaryPassesWhenNothingBlockingDiffers) {
  const auto results = judge(baseline.facts);
  EXPECT_EQ(summary_of(results).outcome.verdict, Verdict::pass);
  EXPECT_TRUE(summary_of(results).outcome.actual.ends_with(" differences, 0 of them blocking")) << summary_of(results).outcome.actual;
}

TEST_F(JudgeBaseline, SummaryFailsWhenItCountsABlockingDifference) {
  const auto results = judge(with_packages({{"libc6", "2.36-9", "amd64"}}));
  const ClauseResult& summary = summary_of(results);
  EXPECT_EQ(summary.outcome.verdict, Verdict::fail);
  EXPECT_TRUE(summary.outcome.actual.ends_with(" differences, 1 of them blocking")) << summary.outcome.actual;
  EXPECT_TRUE(summary.blocks());
}

TEST(Judge, UnreachableTargetKeepsTheKindOfItsError) {
  contracts::Contract contract{.name = "c", .file = "c.toml"};
  contracts::Clause clause;
  clause.id = "package.openssl";
  clause.kind = "package";
  clause.spec = contracts::PackageSpec{.name = "openssl"};
  contract.clauses.push_back(clause);
  const JudgeContext context{.unreachable = FactError("container exited at once", ErrorKind::deterministic),
                             .today = std::chrono::year{2026} / 12 / 1};
  const auto results = judge_contract(contract, {}, context);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome.verdict, Verdict::error);
  EXPECT_EQ(results[0].outcome.actual, "container exited at once");
  EXPECT_EQ(results[0].outcome.error_kind, ErrorKind::deterministic);
}

TEST(Judge, WaiversAreFoundByIdInLinearTime) {
  // Each clause scanned every waiver: 100k clauses and 100k waivers took half a minute.
  contracts::Contract contract;
  for (int i = 0; i < 100000; ++i) {
    contracts::Clause clause;
    clause.id = "sysctl.k" + std::to_string(i);
    clause.kind = "sysctl";
    clause.spec = contracts::SysctlSpec{.key = "k" + std::to_string(i)};
    contract.clauses.push_back(clause);
    contracts::Waiver waiver;
    waiver.clause = "sysctl.k" + std::to_string(99999 - i);
    waiver.bug = "BZ#" + std::to_string(99999 - i);
    contract.waivers.push_back(waiver);
  }
  JudgeContext context;
  context.today = std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::January, std::chrono::day{1}};
  const auto start = std::chrono::steady_clock::now();
  const std::vector<ClauseResult> results = judge_contract(contract, Facts{}, context);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds{10});
  ASSERT_EQ(results.size(), 100000u);
  ASSERT_TRUE(results[7].waiver.has_value());
  EXPECT_EQ(results[7].waiver->bug, "BZ#7");
}

}  // namespace
}  // namespace hallmark::probes
