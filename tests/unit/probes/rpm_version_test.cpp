#include "probes/rpm_version.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>

namespace hallmark::probes {
namespace {

// ---------------------------------------------------------------------------------------------
// Upstream vectors: rpm's tests/rpmvercmp.at (rpm-software-management/rpm, commit 7f3fdf6868d7),
// every RPMVERCMP(a, b, result) line, verbatim; upstream checks rpm.vercmp(a, b) == result.

constexpr std::string_view kRpmvercmpAt = R"AT(
RPMVERCMP(1.0, 1.0, 0)
RPMVERCMP(1.0, 2.0, -1)
RPMVERCMP(2.0, 1.0, 1)

RPMVERCMP(2.0.1, 2.0.1, 0)
RPMVERCMP(2.0, 2.0.1, -1)
RPMVERCMP(2.0.1, 2.0, 1)

RPMVERCMP(2.0.1a, 2.0.1a, 0)
RPMVERCMP(2.0.1a, 2.0.1, 1)
RPMVERCMP(2.0.1, 2.0.1a, -1)

RPMVERCMP(5.5p1, 5.5p1, 0)
RPMVERCMP(5.5p1, 5.5p2, -1)
RPMVERCMP(5.5p2, 5.5p1, 1)

RPMVERCMP(5.5p10, 5.5p10, 0)
RPMVERCMP(5.5p1, 5.5p10, -1)
RPMVERCMP(5.5p10, 5.5p1, 1)

RPMVERCMP(10xyz, 10.1xyz, -1)
RPMVERCMP(10.1xyz, 10xyz, 1)

RPMVERCMP(xyz10, xyz10, 0)
RPMVERCMP(xyz10, xyz10.1, -1)
RPMVERCMP(xyz10.1, xyz10, 1)

RPMVERCMP(xyz.4, xyz.4, 0)
RPMVERCMP(xyz.4, 8, -1)
RPMVERCMP(8, xyz.4, 1)
RPMVERCMP(xyz.4, 2, -1)
RPMVERCMP(2, xyz.4, 1)

RPMVERCMP(5.5p2, 5.6p1, -1)
RPMVERCMP(5.6p1, 5.5p2, 1)

RPMVERCMP(5.6p1, 6.5p1, -1)
RPMVERCMP(6.5p1, 5.6p1, 1)

RPMVERCMP(6.0.rc1, 6.0, 1)
RPMVERCMP(6.0, 6.0.rc1, -1)

RPMVERCMP(10b2, 10a1, 1)
RPMVERCMP(10a2, 10b2, -1)

RPMVERCMP(1.0aa, 1.0aa, 0)
RPMVERCMP(1.0a, 1.0aa, -1)
RPMVERCMP(1.0aa, 1.0a, 1)

RPMVERCMP(10.0001, 10.0001, 0)
RPMVERCMP(10.0001, 10.1, 0)
RPMVERCMP(10.1, 10.0001, 0)
RPMVERCMP(10.0001, 10.0039, -1)
RPMVERCMP(10.0039, 10.0001, 1)

RPMVERCMP(4.999.9, 5.0, -1)
RPMVERCMP(5.0, 4.999.9, 1)

RPMVERCMP(20101121, 20101121, 0)
RPMVERCMP(20101121, 20101122, -1)
RPMVERCMP(20101122, 20101121, 1)

RPMVERCMP(2_0, 2_0, 0)
RPMVERCMP(2.0, 2_0, 0)
RPMVERCMP(2_0, 2.0, 0)

dnl RhBug:178798 case
RPMVERCMP(a, a, 0)
RPMVERCMP(a+, a+, 0)
RPMVERCMP(a+, a_, 0)
RPMVERCMP(a_, a+, 0)
RPMVERCMP(+a, +a, 0)
RPMVERCMP(+a, _a, 0)
RPMVERCMP(_a, +a, 0)
RPMVERCMP(+_, +_, 0)
RPMVERCMP(_+, +_, 0)
RPMVERCMP(_+, _+, 0)
RPMVERCMP(+, _, 0)
RPMVERCMP(_, +, 0)

dnl Basic testcases for tilde sorting
RPMVERCMP(1.0~rc1, 1.0~rc1, 0)
RPMVERCMP(1.0~rc1, 1.0, -1)
RPMVERCMP(1.0, 1.0~rc1, 1)
RPMVERCMP(1.0~rc1, 1.0~rc2, -1)
RPMVERCMP(1.0~rc2, 1.0~rc1, 1)
RPMVERCMP(1.0~rc1~git123, 1.0~rc1~git123, 0)
RPMVERCMP(1.0~rc1~git123, 1.0~rc1, -1)
RPMVERCMP(1.0~rc1, 1.0~rc1~git123, 1)

dnl Basic testcases for caret sorting
RPMVERCMP(1.0^, 1.0^, 0)
RPMVERCMP(1.0^, 1.0, 1)
RPMVERCMP(1.0, 1.0^, -1)
RPMVERCMP(1.0^git1, 1.0^git1, 0)
RPMVERCMP(1.0^git1, 1.0, 1)
RPMVERCMP(1.0, 1.0^git1, -1)
RPMVERCMP(1.0^git1, 1.0^git2, -1)
RPMVERCMP(1.0^git2, 1.0^git1, 1)
RPMVERCMP(1.0^git1, 1.01, -1)
RPMVERCMP(1.01, 1.0^git1, 1)
RPMVERCMP(1.0^20160101, 1.0^20160101, 0)
RPMVERCMP(1.0^20160101, 1.0.1, -1)
RPMVERCMP(1.0.1, 1.0^20160101, 1)
RPMVERCMP(1.0^20160101^git1, 1.0^20160101^git1, 0)
RPMVERCMP(1.0^20160102, 1.0^20160101^git1, 1)
RPMVERCMP(1.0^20160101^git1, 1.0^20160102, -1)

dnl Basic testcases for tilde and caret sorting
RPMVERCMP(1.0~rc1^git1, 1.0~rc1^git1, 0)
RPMVERCMP(1.0~rc1^git1, 1.0~rc1, 1)
RPMVERCMP(1.0~rc1, 1.0~rc1^git1, -1)
RPMVERCMP(1.0^git1~pre, 1.0^git1~pre, 0)
RPMVERCMP(1.0^git1, 1.0^git1~pre, 1)
RPMVERCMP(1.0^git1~pre, 1.0^git1, -1)
)AT";

// The same file lists these behind "dnl" (so upstream does not run them) to document current,
// "arguably buggy" behaviour: RhBug:811992, and non-ASCII characters all comparing equal.
constexpr std::string_view kRpmvercmpAtOddities = R"AT(
RPMVERCMP(1b.fc17, 1b.fc17, 0)
RPMVERCMP(1b.fc17, 1.fc17, -1)
RPMVERCMP(1.fc17, 1b.fc17, 1)
RPMVERCMP(1g.fc17, 1g.fc17, 0)
RPMVERCMP(1g.fc17, 1.fc17, 1)
RPMVERCMP(1.fc17, 1g.fc17, -1)
RPMVERCMP(1.1.α, 1.1.α, 0)
RPMVERCMP(1.1.α, 1.1.β, 0)
RPMVERCMP(1.1.β, 1.1.α, 0)
RPMVERCMP(1.1.αα, 1.1.α, 0)
RPMVERCMP(1.1.α, 1.1.ββ, 0)
RPMVERCMP(1.1.ββ, 1.1.αα, 0)
)AT";

// Runs every "RPMVERCMP(a, b, result)" line of `at` and returns how many there were.
int check_rpmvercmp_lines(std::string_view at) {
  std::istringstream lines{std::string(at)};
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    constexpr std::string_view prefix = "RPMVERCMP(";
    if (!line.starts_with(prefix)) continue;
    const std::string args = line.substr(prefix.size(), line.rfind(')') - prefix.size());
    const auto first_comma = args.find(", ");
    const auto second_comma = args.find(", ", first_comma + 2);
    const std::string a = args.substr(0, first_comma);
    const std::string b = args.substr(first_comma + 2, second_comma - first_comma - 2);
    const int expected = std::stoi(args.substr(second_comma + 2));
    EXPECT_EQ(rpmvercmp(a, b), expected) << line;
    ++count;
  }
  return count;
}

TEST(RpmVersion, MatchesEveryUpstreamRpmvercmpVector) {
  EXPECT_EQ(check_rpmvercmp_lines(kRpmvercmpAt), 91);
}

TEST(RpmVersion, MatchesTheOdditiesUpstreamDocumentsButDoesNotRun) {
  EXPECT_EQ(check_rpmvercmp_lines(kRpmvercmpAtOddities), 12);
}

// ---------------------------------------------------------------------------------------------
// rpmvercmp(), one rule at a time

TEST(RpmVersion, TildeSortsBeforeTheRelease) {
  EXPECT_LT(rpmvercmp("1.0~rc1", "1.0"), 0);
  EXPECT_LT(rpmvercmp("1.0~rc1", "1.0~rc2"), 0);
}

TEST(RpmVersion, CaretSortsAfterTheBase) {
  EXPECT_GT(rpmvercmp("1.0^git1", "1.0"), 0);
  EXPECT_GT(rpmvercmp("1.0^", "1.0"), 0);
}

TEST(RpmVersion, CaretSortsBeforeAnyFurtherSegment) {
  EXPECT_LT(rpmvercmp("1.0^git1", "1.0.1"), 0);
  EXPECT_LT(rpmvercmp("1.0^git1", "1.0a"), 0);
}

TEST(RpmVersion, TildeThenCaretSitsBetweenThePreReleaseAndTheRelease) {
  EXPECT_GT(rpmvercmp("1.0~rc1^git1", "1.0~rc1"), 0);
  EXPECT_LT(rpmvercmp("1.0~rc1^git1", "1.0~rc2"), 0);
  EXPECT_LT(rpmvercmp("1.0~rc1^git1", "1.0"), 0);
}

TEST(RpmVersion, NumbersOfAnyLengthCompareAsNumbers) {
  EXPECT_GT(rpmvercmp("1.123456789012345678901234567890", "1.123456789012345678901234567889"), 0);
  EXPECT_EQ(rpmvercmp("1.000000000000000000000000000001", "1.1"), 0);
}

TEST(RpmVersion, NumericSegmentsAreNewerThanAlphabeticOnes) {
  EXPECT_GT(rpmvercmp("1.1", "1.a"), 0);
  EXPECT_LT(rpmvercmp("1.a", "1.1"), 0);
}

TEST(RpmVersion, ResultIsAlwaysMinusOneZeroOrOne) {
  EXPECT_EQ(rpmvercmp("1.0", "9.0"), -1);
  EXPECT_EQ(rpmvercmp("1.z", "1.a"), 1);
}

// ---------------------------------------------------------------------------------------------
// compare_rpm_evr()

TEST(RpmEvr, EpochBeatsVersion) {
  EXPECT_GT(compare_rpm_evr("1:0.1", "2.0"), 0);
  EXPECT_LT(compare_rpm_evr("2.0-1", "1:0.1-1"), 0);
}

TEST(RpmEvr, MissingEpochIsZero) {
  EXPECT_EQ(compare_rpm_evr("0:1.0-1", "1.0-1"), 0);
  EXPECT_EQ(compare_rpm_evr(":1.0", "1.0"), 0);  // parseEVR() reads an empty epoch as "0"
}

TEST(RpmEvr, EpochsCompareAsNumbers) {
  EXPECT_GT(compare_rpm_evr("10:1.0", "9:1.0"), 0);
  EXPECT_EQ(compare_rpm_evr("010:1.0", "10:1.0"), 0);
}

TEST(RpmEvr, ReleaseBreaksTiesWhenBothSidesHaveOne) {
  EXPECT_GT(compare_rpm_evr("1.0-5", "1.0-4"), 0);
  EXPECT_LT(compare_rpm_evr("1.0-4.el9", "1.0-10.el9"), 0);
}

TEST(RpmEvr, AMissingReleaseMatchesAnyRelease) {
  EXPECT_EQ(compare_rpm_evr("1.0", "1.0-5"), 0);
  EXPECT_EQ(compare_rpm_evr("1:1.0-5", "1:1.0"), 0);
  EXPECT_EQ(compare_rpm_evr("1.0-", "1.0-5"), 0);  // an empty release counts as missing
  EXPECT_LT(compare_rpm_evr("1.0", "1.1-5"), 0);
}

TEST(RpmEvr, ReleaseIsWhatFollowsTheLastHyphen) {
  EXPECT_LT(compare_rpm_evr("1.0-rc-2", "1.0-rc-10"), 0);  // version "1.0-rc" on both sides
}

TEST(RpmEvr, VersionUsesTheSameTildeAndCaretRules) {
  EXPECT_LT(compare_rpm_evr("1.0~rc1-1", "1.0-1"), 0);
  EXPECT_GT(compare_rpm_evr("1.0^git1-1", "1.0-1"), 0);
  EXPECT_LT(compare_rpm_evr("1.0^git1-1", "1.0.1-1"), 0);
}

TEST(RpmEvr, NonDigitTextBeforeAColonIsNotAnEpoch) {
  EXPECT_LT(compare_rpm_evr("a:9", "1:0"), 0);  // version "a:9", epoch 0
}

}  // namespace
}  // namespace hallmark::probes
