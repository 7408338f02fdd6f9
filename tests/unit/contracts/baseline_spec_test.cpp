#include "contracts/read_baseline.hpp"

#include <gtest/gtest.h>

namespace hallmark::contracts {
namespace {

struct Read {
  std::optional<BaselineSpec> spec;
  std::vector<std::string> errors;  // ContractError::str() of each
};

Read read(std::string_view text) {
  const toml::table root = toml::parse(text, std::string_view("c.toml"));
  Read result;
  std::vector<ContractError> errors;
  result.spec = read_baseline(*root.get("baseline"), "c.toml", errors);
  for (const ContractError& error : errors) result.errors.push_back(error.str());
  return result;
}

std::vector<std::string> errors_of(std::string_view text) { return read(text).errors; }

TEST(BaselineSpec, AnEmptyTableMeansTheDocumentedDefaults) {
  const Read result = read("[baseline]\n");
  ASSERT_TRUE(result.spec.has_value());
  const BaselineSpec& spec = *result.spec;
  EXPECT_EQ(spec.packages.removed, DiffAction::fail);
  EXPECT_EQ(spec.packages.downgraded, DiffAction::fail);
  EXPECT_EQ(spec.packages.added, DiffAction::report);
  EXPECT_EQ(spec.packages.upgraded, DiffAction::ignore);
  EXPECT_FALSE(spec.symbols.libraries.has_value());
  EXPECT_EQ(spec.symbols.removed, DiffAction::fail);
  EXPECT_EQ(spec.symbols.added, DiffAction::ignore);
  EXPECT_FALSE(spec.sysctl.keys.has_value());
  EXPECT_EQ(spec.sysctl.changed, DiffAction::fail);
  EXPECT_EQ(spec.ports.closed, DiffAction::fail);
  EXPECT_EQ(spec.ports.opened, DiffAction::report);
  EXPECT_TRUE(spec.allow_removed_packages.empty());
  EXPECT_EQ(spec.place.str(), "c.toml:1:1");
}

TEST(BaselineSpec, ReadsEverySectionOfTheDocumentedExample) {
  const Read result = read(R"(
[baseline]
packages = { removed = "fail", downgraded = "report", added = "ignore", upgraded = "report" }
symbols  = { libraries = ["libc.so.6", "libssl.so.3"], removed = "report", added = "fail" }
sysctl   = { keys = ["net.ipv4.ip_forward"], changed = "report" }
ports    = { closed = "report", opened = "ignore" }
allow_removed_packages = ["telnetd"]
)");
  ASSERT_TRUE(result.spec.has_value()) << ::testing::PrintToString(result.errors);
  const BaselineSpec& spec = *result.spec;
  EXPECT_EQ(spec.packages.removed, DiffAction::fail);
  EXPECT_EQ(spec.packages.downgraded, DiffAction::report);
  EXPECT_EQ(spec.packages.added, DiffAction::ignore);
  EXPECT_EQ(spec.packages.upgraded, DiffAction::report);
  EXPECT_EQ(spec.symbols.libraries, (std::vector<std::string>{"libc.so.6", "libssl.so.3"}));
  EXPECT_EQ(spec.symbols.removed, DiffAction::report);
  EXPECT_EQ(spec.symbols.added, DiffAction::fail);
  EXPECT_EQ(spec.sysctl.keys, std::vector<std::string>{"net.ipv4.ip_forward"});
  EXPECT_EQ(spec.sysctl.changed, DiffAction::report);
  EXPECT_EQ(spec.ports.closed, DiffAction::report);
  EXPECT_EQ(spec.ports.opened, DiffAction::ignore);
  EXPECT_EQ(spec.allow_removed_packages, std::vector<std::string>{"telnetd"});
  EXPECT_EQ(spec.place.str(), "c.toml:2:1");
}

TEST(BaselineSpec, AllSnapshottedLibrariesReadAsNoList) {
  const Read result = read("[baseline]\nsymbols = { libraries = \"all-snapshotted\" }\n");
  ASSERT_TRUE(result.spec.has_value());
  EXPECT_FALSE(result.spec->symbols.libraries.has_value());
}

TEST(BaselineSpec, SectionsMayBeWrittenAsSubTables) {
  const Read result = read("[baseline]\nallow_removed_packages = [\"telnetd\"]\n[baseline.packages]\nremoved = \"report\"\n");
  ASSERT_TRUE(result.spec.has_value()) << ::testing::PrintToString(result.errors);
  EXPECT_EQ(result.spec->packages.removed, DiffAction::report);
  EXPECT_EQ(result.spec->allow_removed_packages, std::vector<std::string>{"telnetd"});
}

TEST(BaselineSpec, MisspeltKeyInASectionIsNamedWithItsPlaceAndASuggestion) {
  const Read result = read("[baseline]\npackages = { remove = \"fail\" }\n");
  EXPECT_FALSE(result.spec.has_value());
  EXPECT_EQ(result.errors, std::vector<std::string>{"c.toml:2:14: unknown key 'remove' in [baseline].packages; did you mean 'removed'?"});
}

TEST(BaselineSpec, MisspeltSectionIsNamedWithASuggestion) {
  EXPECT_EQ(errors_of("[baseline]\npakages = { removed = \"fail\" }\n"),
            std::vector<std::string>{"c.toml:2:1: unknown key 'pakages' in [baseline]; did you mean 'packages'?"});
}

TEST(BaselineSpec, ActionOutsideFailReportIgnoreIsRefusedAtItsValue) {
  EXPECT_EQ(errors_of("[baseline]\nports = { closed = \"warn\" }\n"),
            std::vector<std::string>{"c.toml:2:20: 'closed' must be \"fail\", \"report\" or \"ignore\", not \"warn\""});
  EXPECT_EQ(errors_of("[baseline]\nsysctl = { changed = 1 }\n"),
            std::vector<std::string>{"c.toml:2:22: 'changed' in [baseline].sysctl must be a string, not integer"});
}

TEST(BaselineSpec, SectionThatIsNotATableIsRefused) {
  EXPECT_EQ(errors_of("[baseline]\npackages = \"fail\"\n"),
            std::vector<std::string>{"c.toml:2:12: 'packages' in [baseline] must be a table, not string"});
}

TEST(BaselineSpec, LibrariesAreAListOrAllSnapshotted) {
  EXPECT_EQ(errors_of("[baseline]\nsymbols = { libraries = \"all\" }\n"),
            std::vector<std::string>{"c.toml:2:25: 'libraries' in [baseline].symbols must be \"all-snapshotted\" or a list of "
                                     "sonames or paths, not \"all\""});
  EXPECT_EQ(errors_of("[baseline]\nsymbols = { libraries = [] }\n"),
            std::vector<std::string>{"c.toml:2:25: 'libraries' in [baseline].symbols is empty; list sonames or paths or write "
                                     "\"all-snapshotted\""});
  EXPECT_EQ(errors_of("[baseline]\nsysctl = { keys = [1] }\n"),
            std::vector<std::string>{"c.toml:2:20: 'keys' in [baseline].sysctl must be an array of strings, but an element is, "
                                     "not integer"});
}

TEST(BaselineSpec, AllowListMustHoldPackageNames) {
  EXPECT_EQ(errors_of("[baseline]\nallow_removed_packages = \"telnetd\"\n"),
            std::vector<std::string>{"c.toml:2:26: 'allow_removed_packages' in [baseline] must be an array of strings, not string"});
}

TEST(BaselineSpec, BaselineWrittenAsAnArrayOfTablesIsRefused) {
  EXPECT_EQ(errors_of("[[baseline]]\n"), std::vector<std::string>{"c.toml:1:1: 'baseline' must be a table: write [baseline]"});
}

}  // namespace
}  // namespace hallmark::contracts
