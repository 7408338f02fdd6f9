// Contracts built to hurt the loader: found by fuzzing it (tests/fuzz/contract_loader_fuzzer.cpp).
#include <sys/stat.h>

#include <chrono>

#include <gtest/gtest.h>

#include "contracts/contract_loader.hpp"
#include "contracts/toml_depth.hpp"
#include "contracts/toml_reader.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::contracts {
namespace {

constexpr std::string_view k_header = "[contract]\nname = \"c\"\nversion = \"1.0.0\"\n";

std::vector<std::string> errors_of(const std::string& text, const std::string& file = "c.toml") {
  const auto result = parse_contract(text, file);
  std::vector<std::string> lines;
  if (!result) {
    for (const ContractError& error : result.error()) lines.push_back(error.str());
  }
  return lines;
}

std::string repeated(std::string_view part, int times) {
  std::string text;
  for (int i = 0; i < times; ++i) text += part;
  return text;
}

// 40,000 levels overflowed the stack inside toml++: SIGSEGV. Now an error at the deepest place.
TEST(HostileContract, DeeplyDottedKeyIsAnErrorNotAStackOverflow) {
  const std::string key = "a" + repeated(".a", 40000);
  EXPECT_EQ(errors_of(std::string(k_header) + key + " = 1\n"),
            std::vector<std::string>{"c.toml:4:258: keys and values nest more than 128 levels deep here (dotted key "
                                     "parts, table header parts, inline tables and arrays)"});
}

TEST(HostileContract, DeepTableHeaderIsAnErrorNotAStackOverflow) {
  const std::string header = "[a" + repeated(".a", 40000) + "]\n";
  EXPECT_EQ(errors_of(std::string(k_header) + header),
            std::vector<std::string>{"c.toml:4:257: keys and values nest more than 128 levels deep here (dotted key "
                                     "parts, table header parts, inline tables and arrays)"});
}

TEST(HostileContract, DotsInStringsCommentsAndNumbersDoNotCount) {
  const std::string dots = repeated(".", 1000);
  EXPECT_EQ(check_toml_depth("a = \"" + dots + "\"\n# " + dots + "\nb = '''\n" + dots + "\n'''\nc = [1.5, 2.5, 3.5]\n",
                             "c.toml"),
            std::nullopt);
}

TEST(HostileContract, NestingCountsAcrossInlineTablesAndDottedKeys) {
  // 100 nested inline tables of two-part keys: 200 levels, though each key alone is shallow. The
  // 65th '{' (column 5 + 7 * 64) is level 129.
  const std::string text = "x = " + repeated("{a.b = ", 100) + "1" + repeated("}", 100) + "\n";
  const auto error = check_toml_depth(text, "c.toml");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->place.str(), "c.toml:1:453");
}

class HostileInclude : public ::testing::Test {
 protected:
  std::vector<std::string> errors_including(const std::string& path) {
    return errors_of(std::string(k_header) + "include = [\"" + path + "\"]\n", dir_.write("main.toml", ""));
  }
  std::string prefix() const { return (dir_.path() / "main.toml").string() + ":4:11: cannot include "; }
  testing::TempDir dir_;
};

TEST_F(HostileInclude, OverLongNameIsAContractErrorNotAnException) {
  const std::string name = std::string(5000, 'x') + ".toml";
  EXPECT_EQ(errors_including(name),
            std::vector<std::string>{prefix() + (dir_.path() / name).string() + ": it cannot be read: File name too long"});
}

TEST_F(HostileInclude, DevicesAndFifosAreRefusedWithoutReadingThem) {
  EXPECT_EQ(errors_including("/dev/zero"), std::vector<std::string>{prefix() + "/dev/zero: it is not a .toml file"});
  const std::string fifo = (dir_.path() / "pipe.toml").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);  // opening it to read used to wait for a writer forever
  EXPECT_EQ(errors_including(fifo), std::vector<std::string>{prefix() + fifo + ": it is not a regular file"});
  const std::string device = (dir_.path() / "zero.toml").string();
  std::filesystem::create_symlink("/dev/zero", device);  // read until memory ran out
  EXPECT_EQ(errors_including(device), std::vector<std::string>{prefix() + device + ": it is not a regular file"});
}

TEST_F(HostileInclude, FilesThatAreNotContractsAreNotQuoted) {
  // The parse error quoted the offending byte of /etc/shadow.
  EXPECT_EQ(errors_including("/etc/shadow"), std::vector<std::string>{prefix() + "/etc/shadow: it is not a .toml file"});
}

TEST_F(HostileInclude, OversizedFileIsRefused) {
  const std::string big = dir_.write("big.toml", std::string(16 * 1024 * 1024 + 1, '#'));
  EXPECT_EQ(errors_including(big), std::vector<std::string>{prefix() + big + ": it is larger than 16777216 bytes"});
}

TEST(HostileContract, MisspeltKeysGetASuggestionHugeOnesNoEditDistanceWork) {
  EXPECT_EQ(closest_known_key("nmae", {"name", "version"}), "name");
  // The edit distance costs the product of the lengths: 10 MB against 10 MB would never end.
  const std::string huge(10 * 1024 * 1024, 'k');
  EXPECT_EQ(closest_known_key(huge, {huge + "x"}), std::nullopt);
  EXPECT_EQ(closest_known_key(std::string(65, 'k'), {std::string(64, 'k')}), std::nullopt);
  EXPECT_EQ(closest_known_key(std::string(64, 'k'), {std::string(63, 'k')}), std::string(63, 'k'));
}

TEST(HostileContract, HugeUnknownKeyIsNamedWithoutASuggestion) {
  const std::string key(1024 * 1024, 'k');
  const auto errors = errors_of(std::string(k_header) + "[[package]]\nname = \"a\"\n" + key + " = 1\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "c.toml:6:1: unknown key '" + key + "' in [[package]]");
}

TEST(HostileContract, ManyWaiversAreCheckedInLinearTime) {
  // Each waiver was compared with every clause: 60k + 60k took 10 s, 200k + 200k would take minutes.
  Contract contract;
  for (int i = 0; i < 200000; ++i) {
    Clause clause;
    clause.id = "package.p" + std::to_string(i);
    contract.clauses.push_back(clause);
    Waiver waiver;
    waiver.clause = "package.p" + std::to_string(i + 1);
    contract.waivers.push_back(waiver);
  }
  const auto start = std::chrono::steady_clock::now();
  const auto errors = find_unknown_waivers(contract);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds{5});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "waiver for unknown clause 'package.p200000'");
}

}  // namespace
}  // namespace hallmark::contracts
