#include "contracts/version_constraint.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <string_view>

namespace hallmark::contracts {
namespace {

// The error for `text`, which must not parse.
ConstraintError error_for(std::string_view text) {
  const auto parsed = parse_version_constraint(text);
  EXPECT_FALSE(parsed.has_value()) << "'" << text << "' parsed";
  return parsed.has_value() ? ConstraintError{"<parsed>", 0} : parsed.error();
}

TEST(VersionConstraint, ParsesASingleComparison) {
  const auto parsed = parse_version_constraint(">= 3.0.11");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  ASSERT_EQ(parsed->all_of.size(), 1u);
  EXPECT_EQ(parsed->all_of[0].op, CompareOp::ge);
  EXPECT_EQ(parsed->all_of[0].version, "3.0.11");
  EXPECT_EQ(parsed->text, ">= 3.0.11");
}

TEST(VersionConstraint, ParsesComparisonsJoinedByCommas) {
  const auto parsed = parse_version_constraint(">= 1.2, < 2.0");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  ASSERT_EQ(parsed->all_of.size(), 2u);
  EXPECT_EQ(parsed->all_of[0].op, CompareOp::ge);
  EXPECT_EQ(parsed->all_of[0].version, "1.2");
  EXPECT_EQ(parsed->all_of[1].op, CompareOp::lt);
  EXPECT_EQ(parsed->all_of[1].version, "2.0");
}

TEST(VersionConstraint, KeepsEpochsRevisionsAndFamilySymbolsInTheVersion) {
  const auto parsed = parse_version_constraint("= 1:2.3-4, != 1.0~rc1^git1_p2-r3");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  ASSERT_EQ(parsed->all_of.size(), 2u);
  EXPECT_EQ(parsed->all_of[0].op, CompareOp::eq);
  EXPECT_EQ(parsed->all_of[0].version, "1:2.3-4");
  EXPECT_EQ(parsed->all_of[1].op, CompareOp::ne);
  EXPECT_EQ(parsed->all_of[1].version, "1.0~rc1^git1_p2-r3");
}

TEST(VersionConstraint, ParsesEveryOperator) {
  for (const CompareOp op :
       {CompareOp::eq, CompareOp::ne, CompareOp::lt, CompareOp::le, CompareOp::gt, CompareOp::ge}) {
    const std::string text = std::string(to_string(op)) + " 1.0";
    const auto parsed = parse_version_constraint(text);
    ASSERT_TRUE(parsed.has_value()) << text << ": " << parsed.error().message;
    ASSERT_EQ(parsed->all_of.size(), 1u);
    EXPECT_EQ(parsed->all_of[0].op, op) << text;
  }
}

TEST(VersionConstraint, AllowsWhitespaceAroundOperatorsAndCommasOrNone) {
  for (const std::string_view text : {">=1.2,<2.0", "  >=  1.2 ,\t< 2.0  ", "\t>= 1.2 ,<2.0\n"}) {
    const auto parsed = parse_version_constraint(text);
    ASSERT_TRUE(parsed.has_value()) << "'" << text << "': " << parsed.error().message;
    ASSERT_EQ(parsed->all_of.size(), 2u) << text;
    EXPECT_EQ(parsed->all_of[0].version, "1.2") << text;
    EXPECT_EQ(parsed->all_of[1].version, "2.0") << text;
    EXPECT_EQ(parsed->text, text);
  }
}

TEST(VersionConstraint, RejectsAMissingOperatorBeforeTheVersion) {
  auto error = error_for("1.0");
  EXPECT_EQ(error.message, "expected one of = != < <= > >= before '1.0'");
  EXPECT_EQ(error.column, 0u);

  error = error_for(">= 1.0, 2.0");
  EXPECT_EQ(error.message, "expected one of = != < <= > >= before '2.0'");
  EXPECT_EQ(error.column, 8u);
}

TEST(VersionConstraint, RejectsAnUnknownOperator) {
  auto error = error_for("=> 1.0");
  EXPECT_EQ(error.message, "unknown operator '=>'; expected one of = != < <= > >=");
  EXPECT_EQ(error.column, 0u);

  error = error_for("== 1.0");
  EXPECT_EQ(error.message, "unknown operator '=='; expected one of = != < <= > >=");
  EXPECT_EQ(error.column, 0u);

  error = error_for(">= 1, <> 2");
  EXPECT_EQ(error.message, "unknown operator '<>'; expected one of = != < <= > >=");
  EXPECT_EQ(error.column, 6u);

  error = error_for("! 1");
  EXPECT_EQ(error.message, "unknown operator '!'; expected one of = != < <= > >=");
  EXPECT_EQ(error.column, 0u);
}

TEST(VersionConstraint, RejectsAnOperatorWrittenWithASpaceInside) {
  const auto error = error_for("> = 1.0");
  EXPECT_EQ(error.message, "expected a version after '>' but found '='");
  EXPECT_EQ(error.column, 2u);
}

TEST(VersionConstraint, RejectsAnEmptyVersion) {
  auto error = error_for(">=");
  EXPECT_EQ(error.message, "missing version after '>='");
  EXPECT_EQ(error.column, 2u);

  error = error_for(">=  , < 2");
  EXPECT_EQ(error.message, "missing version after '>='");
  EXPECT_EQ(error.column, 4u);
}

TEST(VersionConstraint, RejectsATrailingComma) {
  auto error = error_for(">= 1.0,");
  EXPECT_EQ(error.message, "trailing comma; expected a comparison after ','");
  EXPECT_EQ(error.column, 6u);

  error = error_for(">= 1.0 ,  ");
  EXPECT_EQ(error.message, "trailing comma; expected a comparison after ','");
  EXPECT_EQ(error.column, 7u);
}

TEST(VersionConstraint, RejectsAnEmptyComparisonBetweenCommas) {
  auto error = error_for(">= 1, , < 2");
  EXPECT_EQ(error.message, "empty comparison before ','");
  EXPECT_EQ(error.column, 6u);

  error = error_for(" , >= 1");
  EXPECT_EQ(error.message, "empty comparison before ','");
  EXPECT_EQ(error.column, 1u);
}

TEST(VersionConstraint, RejectsAVersionContainingWhitespace) {
  auto error = error_for(">= 1.0 beta");
  EXPECT_EQ(error.message, "version '1.0 beta' contains whitespace");
  EXPECT_EQ(error.column, 6u);

  error = error_for("< 2, >= 1.0\tbeta 2 , != 3");
  EXPECT_EQ(error.message, "version '1.0\tbeta 2' contains whitespace");
  EXPECT_EQ(error.column, 11u);
}

TEST(VersionConstraint, RejectsComparisonsWithoutACommaBetweenThem) {
  const auto error = error_for(">= 1.0 < 2.0");
  EXPECT_EQ(error.message, "missing ',' before '<'");
  EXPECT_EQ(error.column, 7u);
}

TEST(VersionConstraint, RejectsEmptyText) {
  auto error = error_for("");
  EXPECT_EQ(error.message, "constraint is empty; expected a comparison such as '>= 1.0'");
  EXPECT_EQ(error.column, 0u);

  error = error_for("   ");
  EXPECT_EQ(error.column, 3u);
}

TEST(VersionConstraint, ErrorMessagesAreLowercaseSentences) {
  for (const std::string_view text : {"", "1.0", "=> 1", ">=", ">= 1,", ">= 1 b", ">= 1 < 2", ",",
                                      "> = 1"}) {
    const ConstraintError error = error_for(text);
    ASSERT_FALSE(error.message.empty()) << text;
    EXPECT_TRUE(std::islower(static_cast<unsigned char>(error.message.front()))) << error.message;
    EXPECT_NE(error.message.back(), '.') << error.message;
    EXPECT_LE(error.column, text.size()) << text;
  }
}

TEST(VersionConstraint, SpellsOperatorsAsContractsWriteThem) {
  EXPECT_EQ(to_string(CompareOp::eq), "=");
  EXPECT_EQ(to_string(CompareOp::ne), "!=");
  EXPECT_EQ(to_string(CompareOp::lt), "<");
  EXPECT_EQ(to_string(CompareOp::le), "<=");
  EXPECT_EQ(to_string(CompareOp::gt), ">");
  EXPECT_EQ(to_string(CompareOp::ge), ">=");
}

}  // namespace
}  // namespace hallmark::contracts
