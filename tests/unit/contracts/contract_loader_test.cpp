#include "contracts/contract_loader.hpp"

#include <gtest/gtest.h>

namespace hallmark::contracts {
namespace {

constexpr std::string_view k_header = R"(
[contract]
name = "base"
version = "1.0.0"
)";

// Loads header + body; returns the error lines, or an empty list on success.
std::vector<std::string> errors_of(std::string_view body) {
  const auto result = parse_contract(std::string(k_header) + std::string(body), "c.toml");
  std::vector<std::string> lines;
  if (!result) {
    for (const ContractError& error : result.error()) lines.push_back(error.str());
  }
  return lines;
}

Contract load(std::string_view body) {
  auto result = parse_contract(std::string(k_header) + std::string(body), "c.toml");
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().front().str());
  return result ? *result : Contract{};
}

TEST(ContractLoader, ReadsHeaderAndClausesInFileOrder) {
  const auto result = parse_contract(R"([contract]
name = "debian12-base"
version = "1.4.0"
description = "Core build"
owner = "core@example.com"
support_until = 2027-06-30

[[sysctl]]
key = "kernel.randomize_va_space"
value = "2"

[[package]]
name = "openssl"
version = ">= 3.0.11"
bug = "BZ#1"
)",
                                     "c.toml");
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->name, "debian12-base");
  EXPECT_EQ(result->version, "1.4.0");
  EXPECT_EQ(result->owner, "core@example.com");
  ASSERT_TRUE(result->support_until.has_value());
  EXPECT_EQ(*result->support_until, std::chrono::year_month_day(std::chrono::year{2027}, std::chrono::June, std::chrono::day{30}));
  ASSERT_EQ(result->clauses.size(), 2u);
  EXPECT_EQ(result->clauses[0].id, "sysctl.kernel.randomize_va_space");
  EXPECT_EQ(result->clauses[1].id, "package.openssl");
  EXPECT_EQ(result->clauses[1].bug, "BZ#1");
  EXPECT_EQ(result->clauses[1].place.str(), "c.toml:12:1");
  EXPECT_EQ(result->sha256.size(), 64u);
}

TEST(ContractLoader, DerivesIdsFromWhatTheClauseNames) {
  const Contract contract = load(R"(
[[file]]
path = "/etc/passwd"
[[port]]
listen = "tcp/22"
[[port]]
closed = "tcp/[::1]:8080"
)");
  ASSERT_EQ(contract.clauses.size(), 3u);
  EXPECT_EQ(contract.clauses[0].id, "file./etc/passwd");
  EXPECT_EQ(contract.clauses[1].id, "port.tcp-22");
  EXPECT_EQ(contract.clauses[2].id, "port.tcp-::1-8080");
}

TEST(ContractLoader, MisspeltKeyIsNamedWithItsPlaceAndASuggestion) {
  EXPECT_EQ(errors_of("[[package]]\nname = \"openssl\"\nverison = \">= 3\"\n"),
            std::vector<std::string>{"c.toml:7:1: unknown key 'verison' in [[package]]; did you mean 'version'?"});
}

TEST(ContractLoader, WrongTypeNamesBothTypes) {
  EXPECT_EQ(errors_of("[[package]]\nname = 3\n"),
            std::vector<std::string>{"c.toml:6:8: 'name' in [[package]] must be a string, not integer"});
}

TEST(ContractLoader, MissingRequiredKeyPointsAtTheTable) {
  EXPECT_EQ(errors_of("[[sysctl]]\nvalue = \"1\"\n"),
            std::vector<std::string>{"c.toml:5:1: [[sysctl]] is missing required key 'key'"});
}

TEST(ContractLoader, BadConstraintPointsInsideTheString) {
  EXPECT_EQ(errors_of("[[package]]\nname = \"a\"\nversion = \">= 1.0, => 2\"\n"),
            std::vector<std::string>{
                "c.toml:7:20: bad version constraint \">= 1.0, => 2\": unknown operator '=>'; expected one of = != < <= > >="});
}

TEST(ContractLoader, DuplicateIdNamesBothPlaces) {
  EXPECT_EQ(errors_of("[[package]]\nname = \"a\"\n[[package]]\nname = \"a\"\n"),
            std::vector<std::string>{"c.toml:7:1: duplicate clause id 'package.a'; first used at c.toml:5:1"});
}

TEST(ContractLoader, TomlSyntaxErrorCarriesItsPlace) {
  const auto result = parse_contract("[contract]\nname = \"x\nversion = \"1.0.0\"\n", "c.toml");
  ASSERT_FALSE(result.has_value());
  ASSERT_EQ(result.error().size(), 1u);
  EXPECT_EQ(result.error().front().place.line, 2);
  EXPECT_TRUE(result.error().front().str().starts_with("c.toml:2:")) << result.error().front().str();
}

TEST(ContractLoader, SingleTableInsteadOfArrayIsExplained) {
  EXPECT_EQ(errors_of("[package]\nname = \"a\"\n"),
            std::vector<std::string>{"c.toml:5:2: 'package' must be an array of tables: write [[package]]"});
}

TEST(ContractLoader, UnknownSectionListsTheKinds) {
  const auto errors = errors_of("[[pakage]]\nname = \"a\"\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("c.toml:5:3: unknown section 'pakage'; clause kinds are [[package]]")) << errors[0];
}

TEST(ContractLoader, HeaderIsRequiredWithSemanticVersion) {
  const auto missing = parse_contract("[[package]]\nname = \"a\"\n", "c.toml");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().front().str(), "c.toml:1:1: a contract needs a [contract] table with at least 'name' and 'version'");
  const auto bad = parse_contract("[contract]\nname = \"a\"\nversion = \"1.4\"\n", "c.toml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().front().str(), "c.toml:3:11: 'version' must be a semantic version like \"1.4.0\", not \"1.4\"");
}

TEST(ContractLoader, EveryErrorIsReportedNotJustTheFirst) {
  EXPECT_EQ(errors_of("[[package]]\nnme = \"a\"\n[[port]]\nlisten = \"tcp/99999\"\n").size(), 3u);
}

TEST(ContractLoader, CommandNeedsAnExplicitId) {
  EXPECT_EQ(errors_of("[[command]]\nrun = \"true\"\n"),
            std::vector<std::string>{"c.toml:5:1: [[command]] needs an 'id' (there is no name to derive one from)"});
}

TEST(ContractLoader, PortTextIsChecked) {
  EXPECT_EQ(errors_of("[[port]]\nlisten = \"sctp/22\"\n"),
            std::vector<std::string>{"c.toml:6:10: 'listen': \"sctp/22\" is not PROTOCOL/[ADDRESS:]PORT with PROTOCOL tcp or udp"});
  EXPECT_EQ(errors_of("[[port]]\nlisten = \"tcp/300.1.1.1:22\"\n"),
            std::vector<std::string>{"c.toml:6:10: 'listen': \"300.1.1.1\" is not an IPv4 or IPv6 address"});
  EXPECT_EQ(errors_of("[[port]]\nlisten = \"tcp/22\"\nclosed = \"tcp/23\"\n"),
            std::vector<std::string>{"c.toml:5:1: [[port]] needs exactly one of 'listen' or 'closed'"});
}

TEST(ContractLoader, FileModeIsOctalText) {
  const Contract contract = load("[[file]]\npath = \"/etc/shadow\"\nmode = \"0640\"\n");
  EXPECT_EQ(std::get<FileSpec>(contract.clauses.at(0).spec).mode, 0640u);
  EXPECT_EQ(errors_of("[[file]]\npath = \"/etc/shadow\"\nmode = \"rw-r-----\"\n"),
            std::vector<std::string>{"c.toml:7:8: 'mode' must be octal permission bits like \"0644\", not \"rw-r-----\""});
}

TEST(ContractLoader, SysctlKeyCannotEscapeProcSys) {
  EXPECT_EQ(errors_of("[[sysctl]]\nkey = \"../../etc/shadow\"\nvalue = \"x\"\n"),
            std::vector<std::string>{"c.toml:6:7: 'key' must be a dotted kernel parameter like \"kernel.randomize_va_space\", "
                                     "not \"../../etc/shadow\""});
}

TEST(ContractLoader, SeverityWarningIsRead) {
  const Contract contract = load("[[package]]\nname = \"a\"\nseverity = \"warning\"\ntags = [\"security\"]\n");
  EXPECT_EQ(contract.clauses.at(0).severity, Severity::warning);
  EXPECT_EQ(contract.clauses.at(0).tags, std::vector<std::string>{"security"});
}

TEST(ContractLoader, MissingFileIsAnError) {
  const auto result = load_contract("/nonexistent/contract.toml");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().front().str(), "/nonexistent/contract.toml: cannot read the contract file");
}

TEST(ContractLoader, EndlessContractFileIsRefusedNotReadForever) {
  const auto result = load_contract("/dev/zero");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().front().str(), "/dev/zero: cannot read the contract file: unreadable, or larger than 16777216 bytes");
}

TEST(ContractLoader, ShippedExampleIsValid) {
  const auto result = load_contract(HALLMARK_SOURCE_DIR "/contracts/examples/debian12-base.toml");
  ASSERT_TRUE(result.has_value()) << result.error().front().str();
  EXPECT_GT(result->clauses.size(), 5u);
}

}  // namespace
}  // namespace hallmark::contracts

namespace hallmark::contracts {
namespace {

TEST(ContractLoaderCatalogue, RegressionNeedsABugAndDerivesItsId) {
  EXPECT_EQ(errors_of("[[regression]]\nrun = \"true\"\n"),
            std::vector<std::string>{"c.toml:5:1: [[regression]] needs 'bug': the bug this check guards against"});
  const Contract contract = load("[[regression]]\nbug = \"RHBZ#2200\"\nrun = \"true\"\n");
  EXPECT_EQ(contract.clauses.at(0).id, "regression.rhbz-2200");
  EXPECT_EQ(contract.clauses.at(0).bug, "RHBZ#2200");
}

TEST(ContractLoaderCatalogue, CommandsMayOverlapUnlessTheySayParallelFalse) {
  const Contract contract = load("[[command]]\nid = \"a\"\nrun = \"true\"\n\n"
                                 "[[regression]]\nbug = \"BZ#1\"\nrun = \"true\"\nparallel = false\n");
  EXPECT_TRUE(std::get<CommandSpec>(contract.clauses.at(0).spec).parallel);
  EXPECT_FALSE(std::get<CommandSpec>(contract.clauses.at(1).spec).parallel);
  EXPECT_EQ(errors_of("[[command]]\nid = \"a\"\nrun = \"true\"\nparallel = \"no\"\n"),
            std::vector<std::string>{"c.toml:8:12: 'parallel' in [[command]] must be a boolean (true or false), not string"});
}

TEST(ContractLoaderCatalogue, InvalidRegexIsRejectedWithItsPlace) {
  EXPECT_EQ(errors_of("[[file]]\npath = \"/etc/passwd\"\nmatches = \"(unclosed\"\n"),
            std::vector<std::string>{"c.toml:7:11: 'matches' holds an invalid regular expression \"(unclosed\": missing ): (unclosed"});
}

TEST(ContractLoaderCatalogue, SymbolsClauseIsAboutALibraryOrBinaries) {
  EXPECT_EQ(errors_of("[[symbols]]\nlibrary = \"libc.so.6\"\nrequires_at_most = \"GLIBC_2.36\"\nexports = [\"printf\"]\n").size(), 1u);
  const Contract contract = load("[[symbols]]\nsoname = \"libc.so.6\"\nexports = [\"printf\"]\n");
  EXPECT_EQ(std::get<SymbolsSpec>(contract.clauses.at(0).spec).library, "libc.so.6");
  EXPECT_EQ(contract.clauses.at(0).id, "symbols.libc.so.6");
}

TEST(ContractLoaderCatalogue, ServiceNameGetsItsUnitType) {
  const Contract contract = load("[[service]]\nname = \"ssh\"\nstate = \"enabled\"\n");
  EXPECT_EQ(contract.clauses.at(0).id, "service.ssh.service");
  EXPECT_EQ(errors_of("[[service]]\nname = \"ssh\"\nstate = \"on\"\n"),
            std::vector<std::string>{"c.toml:7:9: 'state' must be \"enabled\", \"disabled\", \"masked\" or \"static\", not \"on\""});
}

TEST(ContractLoaderCatalogue, PackageManagerPinIsChecked) {
  const auto result = parse_contract("[contract]\nname = \"a\"\nversion = \"1.0.0\"\npackage_manager = \"yum\"\n", "c.toml");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().front().str(), "c.toml:4:19: 'package_manager' must be \"dpkg\", \"rpm\" or \"apk\", not \"yum\"");
}

TEST(ContractLoaderCatalogue, BugUrlIsReadAndMustSayWhereTheIdGoes) {
  const auto read = parse_contract("[contract]\nname = \"a\"\nversion = \"1.0.0\"\nbug_url = \"https://bugs.example/{}\"\n", "c.toml");
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->bug_url, "https://bugs.example/{}");
  const auto result = parse_contract("[contract]\nname = \"a\"\nversion = \"1.0.0\"\nbug_url = \"https://bugs.example/\"\n", "c.toml");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().front().str(), "c.toml:4:11: 'bug_url' must contain {} where the bug id goes");
}

TEST(ContractLoaderCatalogue, SysctlNeedsSomethingToCheck) {
  EXPECT_EQ(errors_of("[[sysctl]]\nkey = \"vm.swappiness\"\n"),
            std::vector<std::string>{"c.toml:5:1: [[sysctl]] needs at least one of 'value', 'matches', 'min' or 'max'"});
}

}  // namespace
}  // namespace hallmark::contracts
