#include <gtest/gtest.h>

#include <fmt/format.h>

#include "contracts/contract_loader.hpp"
#include "support/hallmark_cli.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::contracts {
namespace {

std::string fixture(const std::string& name) { return testing::source_path("tests/data/contracts/includes/" + name); }

std::vector<std::string> errors_of(const std::string& name) {
  const auto result = load_contract(fixture(name));
  std::vector<std::string> lines;
  if (!result) {
    for (const ContractError& error : result.error()) lines.push_back(error.str());
  }
  return lines;
}

TEST(ContractComposition, IncludedClausesAndWaiversAreMergedWithTheirOwnPlaces) {
  const auto contract = load_contract(fixture("overlay.toml"));
  ASSERT_TRUE(contract.has_value()) << contract.error().front().str();
  EXPECT_EQ(contract->name, "web-overlay");
  ASSERT_EQ(contract->clauses.size(), 3u);
  EXPECT_EQ(contract->clauses[0].id, "package.openssh-server");
  EXPECT_EQ(contract->clauses[1].id, "package.telnetd");
  EXPECT_EQ(contract->clauses[1].place.str(), fixture("common/security.toml") + ":5:1");
  ASSERT_EQ(contract->includes.size(), 1u);
  EXPECT_EQ(contract->includes[0].file, fixture("common/security.toml"));
  EXPECT_EQ(contract->includes[0].sha256.size(), 64u);
  ASSERT_EQ(contract->waivers.size(), 1u);
  EXPECT_EQ(contract->waivers[0].bug, "RHBZ#2200");
}

TEST(ContractComposition, IncludeCycleIsReportedAtTheIncludingLine) {
  EXPECT_EQ(errors_of("cycle-a.toml"),
            std::vector<std::string>{fixture("cycle-b.toml") + ":4:11: include cycle: " + fixture("cycle-a.toml") +
                                     " is already being loaded (included from " + fixture("cycle-b.toml") + ")"});
}

// A chain of generated files, each including the next: an error at the include past the limit,
// never a crash for want of stack.
TEST(ContractComposition, IncludesNestedTooDeepAreAnErrorAtTheIncludingLine) {
  const testing::TempDir dir;
  for (int i = 0; i < 200; ++i) {
    dir.write(fmt::format("c{}.toml", i),
              fmt::format("[contract]\nname = \"c{0}\"\nversion = \"1.0.0\"\ninclude = [\"c{1}.toml\"]\n", i, i + 1));
  }
  const auto result = load_contract((dir.path() / "c0.toml").string());
  ASSERT_FALSE(result.has_value());
  ASSERT_EQ(result.error().size(), 1u) << result.error().front().str() << "\n" << result.error().back().str();
  EXPECT_EQ(result.error().front().str(), (dir.path() / "c63.toml").string() + ":4:11: includes nest deeper than 64 files");
}

TEST(ContractComposition, DuplicateIdAcrossFilesNamesBothPlaces) {
  EXPECT_EQ(errors_of("duplicate.toml"),
            std::vector<std::string>{fixture("common/security.toml") + ":5:1: duplicate clause id 'package.telnetd'; first used at " +
                                     fixture("duplicate.toml") + ":6:1"});
}

TEST(ContractComposition, WaiverForAnUnknownClauseIsAnError) {
  EXPECT_EQ(errors_of("unknown-waiver.toml"),
            std::vector<std::string>{fixture("unknown-waiver.toml") + ":8:1: waiver for unknown clause 'package.openssl'"});
}

TEST(ContractComposition, WaiverNeedsAnExpiryDate) {
  const auto result = parse_contract(
      "[contract]\nname = \"a\"\nversion = \"1.0.0\"\n[[package]]\nname = \"x\"\n[[waiver]]\nclause = \"package.x\"\nbug = \"B#1\"\n"
      "justification = \"j\"\n",
      "c.toml");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().front().str(),
            "c.toml:6:1: [[waiver]] is missing required key 'expires': a waiver without an end date is not allowed");
}

}  // namespace
}  // namespace hallmark::contracts
