#include "contracts/clause_selection.hpp"

#include <gtest/gtest.h>

namespace hallmark::contracts {
namespace {

Clause clause(std::string id, std::vector<std::string> tags) {
  Clause result;
  result.id = std::move(id);
  result.tags = std::move(tags);
  return result;
}

TEST(ClauseSelection, OnlySkipAndClauseCombine) {
  const auto security = clause("package.telnetd", {"security"});
  const auto slow = clause("symbols.all", {"security", "slow"});
  const auto plain = clause("package.bash", {});
  EXPECT_TRUE(ClauseSelection{}.selects(plain));
  const ClauseSelection only{{"security"}, {"slow"}, {}};
  EXPECT_TRUE(only.selects(security));
  EXPECT_FALSE(only.selects(slow));
  EXPECT_FALSE(only.selects(plain));
  EXPECT_EQ(only.describe(), "--only security --skip slow");
  const ClauseSelection by_id{{}, {}, {"package.bash"}};
  EXPECT_TRUE(by_id.selects(plain));
  EXPECT_FALSE(by_id.selects(security));
}

TEST(ClauseSelection, UnknownClauseIdsAreNamed) {
  Contract contract;
  contract.clauses = {clause("package.bash", {})};
  EXPECT_EQ(unknown_clause_ids(ClauseSelection{{}, {}, {"package.bash", "package.nope"}}, {contract}),
            std::vector<std::string>{"package.nope"});
}

}  // namespace
}  // namespace hallmark::contracts
