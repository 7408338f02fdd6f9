#include "probes/package_probe.hpp"

#include <gtest/gtest.h>

namespace hallmark::probes {
namespace {

contracts::PackageSpec package(std::string name, std::optional<std::string> constraint = {}, bool installed = true) {
  contracts::PackageSpec spec{std::move(name), installed, std::nullopt};
  if (constraint) spec.version = *contracts::parse_version_constraint(*constraint);
  return spec;
}

Facts dpkg_facts(std::vector<InstalledPackage> installed) {
  Facts facts;
  facts.packages = PackageFacts{VersionScheme::dpkg, std::move(installed)};
  return facts;
}

TEST(PackageProbe, InstalledPackageSatisfyingTheConstraintPasses) {
  const Outcome outcome = evaluate(package("openssl", ">= 3.0.11"), dpkg_facts({{"openssl", "3.0.11-1~deb12u2", "amd64"}}));
  EXPECT_EQ(outcome.verdict, Verdict::pass);
  EXPECT_EQ(outcome.actual, "openssl 3.0.11-1~deb12u2 (amd64) installed");
}

TEST(PackageProbe, TildeVersionBelowTheConstraintFailsWithBothVersions) {
  const Outcome outcome = evaluate(package("openssl", ">= 3.0.11"), dpkg_facts({{"openssl", "3.0.11~rc1-1", "amd64"}}));
  EXPECT_EQ(outcome.verdict, Verdict::fail);
  EXPECT_EQ(outcome.expected, "openssl installed, version >= 3.0.11");
  EXPECT_EQ(outcome.actual, "openssl 3.0.11~rc1-1 (amd64) installed");
}

TEST(PackageProbe, MissingPackageFails) {
  const Outcome outcome = evaluate(package("openssl"), dpkg_facts({{"libc6", "2.36-9", "amd64"}}));
  EXPECT_EQ(outcome.verdict, Verdict::fail);
  EXPECT_EQ(outcome.actual, "openssl is not installed");
}

TEST(PackageProbe, ForbiddenPackagePassesWhenAbsentAndFailsWhenPresent) {
  EXPECT_EQ(evaluate(package("telnetd", {}, false), dpkg_facts({})).verdict, Verdict::pass);
  const Outcome present = evaluate(package("telnetd", {}, false), dpkg_facts({{"telnetd", "0.17-44", "amd64"}}));
  EXPECT_EQ(present.verdict, Verdict::fail);
  EXPECT_EQ(present.expected, "telnetd not installed");
}

TEST(PackageProbe, AnyOfSeveralInstalledVersionsMaySatisfy) {
  const Outcome outcome = evaluate(package("linux-image", ">= 6.1.0-20"),
                                   dpkg_facts({{"linux-image", "6.1.0-13", "amd64"}, {"linux-image", "6.1.0-21", "amd64"}}));
  EXPECT_EQ(outcome.verdict, Verdict::pass);
  EXPECT_EQ(outcome.actual, "linux-image 6.1.0-13 (amd64), 6.1.0-21 (amd64) installed");
}

TEST(PackageProbe, UnavailableFactsAreErrorsNeverPasses) {
  Facts facts;
  facts.packages = std::unexpected("docker exec hallmark-1 failed: container is not running");
  const Outcome outcome = evaluate(package("telnetd", {}, false), facts);
  EXPECT_EQ(outcome.verdict, Verdict::error);
  EXPECT_EQ(outcome.actual, "docker exec hallmark-1 failed: container is not running");
}

TEST(PackageProbe, ImageWithoutPackageDatabaseFails) {
  Facts facts;
  facts.packages = PackageFacts{};
  EXPECT_EQ(evaluate(package("openssl"), facts).verdict, Verdict::fail);
}

}  // namespace
}  // namespace hallmark::probes
