#include "probes/dpkg_version.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace hallmark::probes {
namespace {

// ---------------------------------------------------------------------------------------------
// Upstream vectors: dpkg's lib/dpkg/t/t-version.c (guillemj/dpkg, commit 84c9328e8fd5)

// test_version_compare() builds struct dpkg_version objects with DPKG_VERSION_OBJECT(epoch,
// version, revision); each is written here as the string "epoch:version-revision" (a blank
// version as "", an object with only an epoch as "N:"). Where upstream only asserts that the
// result is non-zero, the row says so.
enum class Expect { less, equal, greater, unequal };

struct CompareCase {
  std::string_view a;
  std::string_view b;
  Expect expect;
};

constexpr CompareCase kTVersionCompareCases[] = {
    {"", "", Expect::equal},                // dpkg_version_blank() on both
    {"1:", "2:", Expect::unequal},          // a.epoch = 1; b.epoch = 2
    {"0:1-1", "0:2-1", Expect::unequal},
    {"0:1-1", "0:1-2", Expect::unequal},
    {"0:0-0", "0:0-0", Expect::equal},      // version equality
    {"0:0-00", "0:00-0", Expect::equal},
    {"1:2-3", "1:2-3", Expect::equal},
    {"0:0-0", "1:0-0", Expect::less},       // epoch difference (both directions asserted)
    {"0:a-0", "0:b-0", Expect::less},       // version component difference (both directions)
    {"0:0-a", "0:0-b", Expect::less},       // revision component difference (both directions)
};

TEST(DpkgVersion, MatchesEveryUpstreamTVersionCompareCase) {
  for (const auto& [a, b, expect] : kTVersionCompareCases) {
    const int order = compare_dpkg_versions(a, b);
    switch (expect) {
      case Expect::unequal: EXPECT_NE(order, 0) << "'" << a << "' vs '" << b << "'"; break;
      case Expect::equal: EXPECT_EQ(order, 0) << "'" << a << "' vs '" << b << "'"; break;
      case Expect::less:
        EXPECT_LT(order, 0) << "'" << a << "' vs '" << b << "'";
        EXPECT_GT(compare_dpkg_versions(b, a), 0) << "'" << b << "' vs '" << a << "'";
        break;
      case Expect::greater: EXPECT_GT(order, 0) << "'" << a << "' vs '" << b << "'"; break;
    }
  }
}

// test_version_parse(): versions parseversion() accepts, with the parts it must produce.
struct ParsedCase {
  std::string_view text;
  unsigned epoch;
  std::string_view upstream;
  std::string_view revision;
};

constexpr ParsedCase kTVersionParseAccepted[] = {
    {"0", 0, "0", ""},
    {"0:0", 0, "0", ""},
    {"0:0-0", 0, "0", "0"},
    {"0:0.0-0.0", 0, "0.0", "0.0"},
    {"1:0", 1, "0", ""},
    {"5:1", 5, "1", ""},
    {"0:0-0-0", 0, "0-0", "0"},
    {"0:0-0-0-0", 0, "0-0-0", "0"},
    {"0:0:0-0", 0, "0:0", "0"},
    {"0:0:0:0-0", 0, "0:0:0", "0"},
    {"0:0:0-0-0", 0, "0:0-0", "0"},
    {"0:0-0:0-0", 0, "0-0:0", "0"},
    {"0:09azAZ.-+~:-0", 0, "09azAZ.-+~:", "0"},
    {"0:0-azAZ09.+~", 0, "0", "azAZ09.+~"},
    {"  \t0:0-1", 0, "0", "1"},
    {"0:0-1\t  ", 0, "0", "1"},
    {"\t  0:0-1  \t", 0, "0", "1"},
};

TEST(DpkgVersion, ParsesEveryVersionUpstreamTVersionParseAccepts) {
  for (const auto& [text, epoch, upstream, revision] : kTVersionParseAccepted) {
    const auto parsed = parse_dpkg_version(text);
    ASSERT_TRUE(parsed.has_value()) << "'" << text << "': " << parsed.error();
    EXPECT_EQ(parsed->epoch, epoch) << text;
    EXPECT_EQ(parsed->upstream, upstream) << text;
    EXPECT_EQ(parsed->revision, revision) << text;
  }
}

// test_version_parse(): versions parseversion() rejects (upstream checks only that it fails,
// with an error or a warning); the message expected here is dpkg's for that case.
struct RejectedCase {
  std::string_view text;
  std::string_view message;
};

constexpr RejectedCase kTVersionParseRejected[] = {
    {"", "version string is empty"},
    {"  ", "version string is empty"},
    {"0:", "nothing after colon in version number"},
    {":1.0", "epoch in version is empty"},
    {"1.0-", "revision number is empty"},
    {"0:0 0-1", "version string has embedded spaces"},
    {"-1:0-1", "epoch in version is negative"},
    {"999999999999999999999999:0-1", "epoch in version is too big"},
    {"a:0-0", "epoch in version is not number"},  // dpkg itself says "is empty" here
    {"A:0-0", "epoch in version is not number"},  // likewise
    {"-0", "version number is empty"},
    {"0:-0", "version number is empty"},
    {"0:abc3-0", "version number does not start with digit"},  // a warning in dpkg
    {"0:0-0:0", "invalid character in revision number"},       // a warning in dpkg
};

TEST(DpkgVersion, RejectsEveryVersionUpstreamTVersionParseRejects) {
  for (const auto& [text, message] : kTVersionParseRejected) {
    const auto parsed = parse_dpkg_version(text);
    ASSERT_FALSE(parsed.has_value()) << "'" << text << "' parsed";
    EXPECT_EQ(parsed.error(), message) << "'" << text << "'";
  }
}

TEST(DpkgVersion, RejectsEveryCharacterUpstreamTVersionParseForbids) {
  // Upstream overwrites the 'a' of "0:0a-0" and the last '0' of "0:0-0" with each character.
  for (const char c : std::string_view("!#@$%&/|\\<>()[]{};,_=*^'")) {
    std::string text = "0:0a-0";
    text[3] = c;
    const auto parsed = parse_dpkg_version(text);
    ASSERT_FALSE(parsed.has_value()) << "'" << text << "' parsed";
    EXPECT_EQ(parsed.error(), "invalid character in version number") << text;
  }
  for (const char c : std::string_view("!#@$%&/|\\<>()[]{}:;,_=*^'")) {
    std::string text = "0:0-0";
    text[4] = c;
    const auto parsed = parse_dpkg_version(text);
    ASSERT_FALSE(parsed.has_value()) << "'" << text << "' parsed";
    EXPECT_EQ(parsed.error(), "invalid character in revision number") << text;
  }
}

// ---------------------------------------------------------------------------------------------
// Upstream vectors: dpkg's scripts/t/Dpkg_Version.t, the __DATA__ section (guillemj/dpkg, commit
// dd0f24f2edd1), verbatim: "A B RESULT". Upstream runs them through Dpkg::Version and through
// `dpkg --compare-versions`.

constexpr std::string_view kDpkgVersionTData = R"DATA(1.0-1 2.0-2 -1
2.2~rc-4 2.2-1 -1
2.2-1 2.2~rc-4 1
1.0000-1 1.0-1 0
1 0:1 0
0 0:0-0 0
2:2.5 1:7.5 1
1:0foo 0foo 1
0:0foo 0foo 0
0foo 0foo 0
0foo- 0foo 0
0foo- 0foo-0 0
0foo 0fo 1
0foo- 0foo+ -1
0foo~1 0foo -1
0foo~foo+Bar 0foo~foo+bar -1
0foo~~ 0foo~ -1
1~ 1 -1
12345+that-really-is-some-ver-0 12345+that-really-is-some-ver-10 -1
0foo-0 0foo-01 -1
0foo.bar 0foobar 1
0foo.bar 0foo1bar 1
0foo.bar 0foo0bar 1
0foo1bar-1 0foobar-1 -1
0foo2.0 0foo2 1
0foo2.0.0 0foo2.10.0 -1
0foo2.0 0foo2.0.0 -1
0foo2.0 0foo2.10 -1
0foo2.1 0foo2.10 -1
1.09 1.9 0
1.0.8+nmu1 1.0.8 1
3.11 3.10+nmu1 1
0.9j-20080306-4 0.9i-20070324-2 1
1.2.0~b7-1 1.2.0~b6-1 1
1.011-1 1.06-2 1
0.0.9+dfsg1-1 0.0.8+dfsg1-3 1
4.6.99+svn6582-1 4.6.99+svn6496-1 1
53 52 1
0.9.9~pre122-1 0.9.9~pre111-1 1
2:2.3.2-2+lenny2 2:2.3.2-2 1
1:3.8.1-1 3.8.GA-1 1
1.0.1+gpl-1 1.0.1-2 1
1a 1000a -1
-0.6.5 0.9.1 -1
)DATA";

TEST(DpkgVersion, MatchesEveryUpstreamDpkgVersionTComparison) {
  std::istringstream lines{std::string(kDpkgVersionTData)};
  std::string a;
  std::string b;
  int expected = 0;
  int count = 0;
  while (lines >> a >> b >> expected) {
    EXPECT_EQ(compare_dpkg_versions(a, b), expected) << "'" << a << "' vs '" << b << "'";
    ++count;
  }
  EXPECT_EQ(count, 44);
}

// ---------------------------------------------------------------------------------------------
// The rules, one at a time

TEST(DpkgVersion, EpochBeatsUpstream) {
  EXPECT_GT(compare_dpkg_versions("1:0.1", "2.0"), 0);
  EXPECT_LT(compare_dpkg_versions("2.0", "1:0.1"), 0);
}

TEST(DpkgVersion, MissingEpochIsZero) {
  EXPECT_EQ(compare_dpkg_versions("0:1.0-1", "1.0-1"), 0);
  EXPECT_EQ(compare_dpkg_versions("00:1.0", "1.0"), 0);
}

TEST(DpkgVersion, EpochsCompareAsNumbers) {
  EXPECT_GT(compare_dpkg_versions("10:1.0", "9:1.0"), 0);
  EXPECT_GT(compare_dpkg_versions("99999999999999999999:1.0", "9999999999:1.0"), 0);
}

TEST(DpkgVersion, TildeSortsBeforeTheRelease) {
  EXPECT_LT(compare_dpkg_versions("1.0~rc1", "1.0"), 0);
  EXPECT_LT(compare_dpkg_versions("1.0~rc1-1", "1.0-1"), 0);
  EXPECT_LT(compare_dpkg_versions("1.0~rc1", "1.0~rc2"), 0);
}

TEST(DpkgVersion, TildeSortsBeforeEvenTheEndOfTheString) {
  EXPECT_LT(compare_dpkg_versions("1.0~", "1.0"), 0);
  EXPECT_LT(compare_dpkg_versions("1.0~~", "1.0~"), 0);
  EXPECT_LT(compare_dpkg_versions("1.0~~a", "1.0~"), 0);
}

TEST(DpkgVersion, LettersSortBeforeNonLetters) {
  EXPECT_LT(compare_dpkg_versions("1.0a", "1.0+"), 0);
  EXPECT_LT(compare_dpkg_versions("1.0z", "1.0."), 0);
  EXPECT_LT(compare_dpkg_versions("1.0Z", "1.0a"), 0);  // letters by ASCII code
}

TEST(DpkgVersion, TheEndSortsBeforeAnythingButTilde) {
  EXPECT_LT(compare_dpkg_versions("1.0", "1.0a"), 0);
  EXPECT_LT(compare_dpkg_versions("1.0", "1.0+b1"), 0);
  EXPECT_LT(compare_dpkg_versions("1.0", "1.0.1"), 0);
}

TEST(DpkgVersion, DigitRunsCompareAsNumbersIgnoringLeadingZeros) {
  EXPECT_LT(compare_dpkg_versions("1.9", "1.10"), 0);
  EXPECT_EQ(compare_dpkg_versions("1.010", "1.10"), 0);
  EXPECT_LT(compare_dpkg_versions("1.99999999999999999999", "1.100000000000000000000"), 0);
}

TEST(DpkgVersion, RevisionIsEverythingAfterTheLastHyphen) {
  EXPECT_LT(compare_dpkg_versions("1.0-rc-2", "1.0-rc-10"), 0);  // upstream "1.0-rc" for both
  EXPECT_LT(compare_dpkg_versions("1.0-1", "1.0-1+deb12u1"), 0);
  EXPECT_LT(compare_dpkg_versions("3.0.11-1~deb12u2", "3.0.11-1"), 0);
}

TEST(DpkgVersion, ComparesVersionsParseWouldRejectInsteadOfFailing) {
  EXPECT_FALSE(parse_dpkg_version("abc").has_value());
  EXPECT_GT(compare_dpkg_versions("abc", "1.0"), 0);  // a letter outweighs a digit run start
  EXPECT_EQ(compare_dpkg_versions("1.0 ", " 1.0"), 0);  // blanks are trimmed as dpkg does
  EXPECT_FALSE(parse_dpkg_version("99999999999:1").has_value());
  EXPECT_GT(compare_dpkg_versions("99999999999:1", "1:1"), 0);
}

TEST(DpkgVersion, ParseSplitsEpochUpstreamAndRevision) {
  const auto parsed = parse_dpkg_version("1:3.0.11-1~deb12u2");
  ASSERT_TRUE(parsed.has_value()) << parsed.error();
  EXPECT_EQ(parsed->epoch, 1u);
  EXPECT_EQ(parsed->upstream, "3.0.11");
  EXPECT_EQ(parsed->revision, "1~deb12u2");
}

TEST(DpkgVersion, ParseReadsTheEpochLikeStrtolAsDpkgDoes) {
  const auto plus = parse_dpkg_version("+1:0");
  ASSERT_TRUE(plus.has_value()) << plus.error();
  EXPECT_EQ(plus->epoch, 1u);
  const auto minus_zero = parse_dpkg_version("-0:1");
  ASSERT_TRUE(minus_zero.has_value()) << minus_zero.error();
  EXPECT_EQ(minus_zero->epoch, 0u);
  EXPECT_EQ(compare_dpkg_versions("+1:0", "1:0"), 0);
}

TEST(DpkgVersion, ParseAcceptsTheLargestEpochDpkgAccepts) {
  EXPECT_TRUE(parse_dpkg_version("2147483647:1").has_value());
  EXPECT_FALSE(parse_dpkg_version("2147483648:1").has_value());
}

TEST(DpkgVersion, ParseStopsAtANulByteLikeDpkg) {
  const auto parsed = parse_dpkg_version(std::string_view("1.0\0junk", 8));
  ASSERT_TRUE(parsed.has_value()) << parsed.error();
  EXPECT_EQ(parsed->upstream, "1.0");
}

}  // namespace
}  // namespace hallmark::probes
