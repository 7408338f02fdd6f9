#include "probes/judge.hpp"

#include <chrono>

#include <gtest/gtest.h>

namespace hallmark::probes {
namespace {

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
