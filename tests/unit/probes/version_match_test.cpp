#include "probes/version_match.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "contracts/version_constraint.hpp"
#include "probes/version_scheme.hpp"

namespace hallmark::probes {
namespace {

using contracts::CompareOp;

// The constraint parsed from contract text, which must be valid.
contracts::VersionConstraint constraint(std::string_view text) {
  auto parsed = contracts::parse_version_constraint(text);
  EXPECT_TRUE(parsed.has_value()) << text << ": " << parsed.error().message;
  return parsed.value_or(contracts::VersionConstraint{});
}

TEST(VersionMatch, HoldsOnlyWhenEveryComparisonHolds) {
  const auto range = constraint(">= 1.2, < 2.0");
  EXPECT_TRUE(satisfies(range, "1.2", VersionScheme::dpkg));
  EXPECT_TRUE(satisfies(range, "1.10", VersionScheme::dpkg));
  EXPECT_FALSE(satisfies(range, "1.1", VersionScheme::dpkg));
  EXPECT_FALSE(satisfies(range, "2.0", VersionScheme::dpkg));
}

TEST(VersionMatch, EveryOperatorMeansWhatItSays) {
  struct Case {
    std::string_view text;
    bool below, at, above;  // for installed 0.9, 1.0 and 1.1
  };
  constexpr Case cases[] = {
      {"= 1.0", false, true, false}, {"!= 1.0", true, false, true}, {"< 1.0", true, false, false},
      {"<= 1.0", true, true, false}, {"> 1.0", false, false, true}, {">= 1.0", false, true, true},
  };
  for (const auto& [text, below, at, above] : cases) {
    const auto parsed = constraint(text);
    for (const auto scheme : {VersionScheme::dpkg, VersionScheme::rpm, VersionScheme::apk}) {
      EXPECT_EQ(satisfies(parsed, "0.9", scheme), below) << text << " " << to_string(scheme);
      EXPECT_EQ(satisfies(parsed, "1.0", scheme), at) << text << " " << to_string(scheme);
      EXPECT_EQ(satisfies(parsed, "1.1", scheme), above) << text << " " << to_string(scheme);
    }
  }
}

// dpkg's lib/dpkg/t/t-version.c, test_version_relate() (guillemj/dpkg, commit 84c9328e8fd5):
// dpkg_version_relate(a, REL, b) for the objects (0, "1", "1") etc., written as "0:1-1".
TEST(VersionMatch, MatchesUpstreamTVersionRelateCases) {
  struct Case {
    std::string_view a;
    std::string_view b;
    bool eq, lt, le, gt, ge;
  };
  constexpr Case cases[] = {
      {"0:1-1", "0:1-1", true, false, true, false, true},
      {"0:1-1", "0:2-1", false, true, true, false, false},
      {"0:2-1", "0:1-1", false, false, false, true, true},
  };
  for (const auto& [a, b, eq, lt, le, gt, ge] : cases) {
    const std::string version(b);
    const auto holds = [&](CompareOp op) {
      return satisfies({{{op, version}}, {}}, a, VersionScheme::dpkg);
    };
    EXPECT_EQ(holds(CompareOp::eq), eq) << a << " = " << b;
    EXPECT_EQ(holds(CompareOp::lt), lt) << a << " < " << b;
    EXPECT_EQ(holds(CompareOp::le), le) << a << " <= " << b;
    EXPECT_EQ(holds(CompareOp::gt), gt) << a << " > " << b;
    EXPECT_EQ(holds(CompareOp::ge), ge) << a << " >= " << b;
  }
}

TEST(VersionMatch, PreReleasesSortBelowTheReleaseInEveryFamily) {
  EXPECT_TRUE(satisfies(constraint("< 1.0"), "1.0~rc1", VersionScheme::dpkg));
  EXPECT_TRUE(satisfies(constraint("< 1.0"), "1.0~rc1", VersionScheme::rpm));
  EXPECT_TRUE(satisfies(constraint("< 1.0, > 0.9"), "1.0_rc1", VersionScheme::apk));
}

TEST(VersionMatch, AnEpochOutweighsTheVersion) {
  EXPECT_TRUE(satisfies(constraint(">= 2.0"), "1:0.1", VersionScheme::dpkg));
  EXPECT_TRUE(satisfies(constraint(">= 2.0"), "1:0.1-1", VersionScheme::rpm));
  EXPECT_TRUE(satisfies(constraint("= 1:2.3-4"), "1:2.3-4", VersionScheme::dpkg));
}

TEST(VersionMatch, RpmCaretSnapshotsSitBetweenTheBaseAndTheNextRelease) {
  EXPECT_TRUE(satisfies(constraint("> 1.0, < 1.0.1"), "1.0^git1", VersionScheme::rpm));
}

TEST(VersionMatch, RpmConstraintWithoutReleaseMatchesAnyRelease) {
  EXPECT_TRUE(satisfies(constraint("= 1.0"), "1.0-5.el9", VersionScheme::rpm));
  EXPECT_FALSE(satisfies(constraint("= 1.0-4.el9"), "1.0-5.el9", VersionScheme::rpm));
}

TEST(VersionMatch, DpkgRevisionAlwaysCounts) {
  EXPECT_FALSE(satisfies(constraint("= 1.0"), "1.0-1", VersionScheme::dpkg));
  EXPECT_TRUE(satisfies(constraint("> 1.0"), "1.0-1", VersionScheme::dpkg));
}

TEST(VersionMatch, ApkRevisionSortsAfterTheBareVersion) {
  EXPECT_TRUE(satisfies(constraint("> 1.0, < 1.0_p1"), "1.0-r1", VersionScheme::apk));
}

TEST(VersionMatch, AnEmptyConstraintHolds) {
  EXPECT_TRUE(satisfies({}, "1.0", VersionScheme::dpkg));
}

TEST(VersionScheme, ComparesWithTheFamilysOwnRules) {
  EXPECT_LT(compare_versions(VersionScheme::dpkg, "1.0~rc1", "1.0"), 0);
  EXPECT_GT(compare_versions(VersionScheme::rpm, "1.0^git1", "1.0"), 0);
  EXPECT_EQ(compare_versions(VersionScheme::rpm, "1.0", "1.0-3"), 0);
  EXPECT_LT(compare_versions(VersionScheme::dpkg, "1.0", "1.0-3"), 0);
  EXPECT_GT(compare_versions(VersionScheme::apk, "1.0-r1", "1.0"), 0);
  // '^' means nothing special to dpkg: it sorts after the end, like any symbol.
  EXPECT_GT(compare_versions(VersionScheme::dpkg, "1.0^git1", "1.0.1"), 0);
}

TEST(VersionScheme, NamesRoundTrip) {
  for (const VersionScheme scheme : {VersionScheme::dpkg, VersionScheme::rpm, VersionScheme::apk}) {
    EXPECT_EQ(version_scheme_from_string(to_string(scheme)), scheme);
  }
  EXPECT_EQ(to_string(VersionScheme::dpkg), "dpkg");
  EXPECT_EQ(to_string(VersionScheme::rpm), "rpm");
  EXPECT_EQ(to_string(VersionScheme::apk), "apk");
}

TEST(VersionScheme, UnknownNamesAreRejected) {
  EXPECT_EQ(version_scheme_from_string("deb"), std::nullopt);
  EXPECT_EQ(version_scheme_from_string("DPKG"), std::nullopt);
  EXPECT_EQ(version_scheme_from_string(""), std::nullopt);
}

}  // namespace
}  // namespace hallmark::probes
