// A promise of absence passes only on a source positively read; a broken source is an error of
// kind deterministic (exit 4), never a pass and never a plain failure.
#include <gtest/gtest.h>

#include "probes/account_probes.hpp"
#include "probes/file_probe.hpp"
#include "probes/os_probe.hpp"
#include "probes/package_probe.hpp"
#include "probes/port_probe.hpp"
#include "probes/service_probe.hpp"

namespace hallmark::probes {
namespace {

FileInfo file_with(std::string content) {
  FileInfo info;
  info.exists = true;
  info.type = contracts::FileType::file;
  info.content = std::move(content);
  return info;
}

void expect_deterministic_error(const Outcome& outcome, std::string_view why) {
  EXPECT_EQ(outcome.verdict, Verdict::error);
  EXPECT_EQ(outcome.actual, why);
  EXPECT_EQ(outcome.error_kind, ErrorKind::deterministic);
}

TEST(FactHealth, MissingPasswdIsABrokenSourceNotAnAbsentUser) {
  Facts facts;
  facts.files["/etc/passwd"] = FileInfo{};  // lstat found nothing
  expect_deterministic_error(evaluate(contracts::UserSpec{.name = "games", .absent = true}, facts), "/etc/passwd does not exist");
}

TEST(FactHealth, UnreadableGroupIsABrokenSource) {
  Facts facts;
  facts.files["/etc/passwd"] = file_with("root:x:0:0:root:/root:/bin/sh\n");
  FileInfo group = file_with("");
  group.content.reset();
  facts.files["/etc/group"] = group;
  expect_deterministic_error(evaluate(contracts::GroupSpec{.name = "wheel", .absent = true}, facts), "/etc/group is unreadable");
}

TEST(FactHealth, UnreadableOsReleaseIsAnErrorNotTheOtherFile) {
  Facts facts;
  FileInfo etc = file_with("");
  etc.content.reset();
  facts.files["/etc/os-release"] = etc;
  facts.files["/usr/lib/os-release"] = file_with("ID=debian\n");
  expect_deterministic_error(evaluate(contracts::OsSpec{.id = "debian"}, facts), "/etc/os-release exists but could not be read whole");
}

TEST(FactHealth, ContentCutAtTheCapIsNeverJudgedOnItsPrefix) {
  Facts facts;
  FileInfo big = file_with("head");
  big.content_truncated = true;
  facts.files["/big"] = big;
  expect_deterministic_error(evaluate(contracts::FileSpec{.path = "/big", .contains = {"tail"}}, facts),
                             "/big is larger than hallmark reads (64 MiB); its content is not judged");
  EXPECT_EQ(evaluate(contracts::FileSpec{.path = "/big", .type = contracts::FileType::file}, facts).verdict, Verdict::pass);
}

TEST(FactHealth, BrokenPackageDatabaseKeepsItsKindInTheOutcome) {
  Facts facts;
  facts.packages = std::unexpected(deterministic_error("package database unreadable: rpm -qa exited 1: bad"));
  expect_deterministic_error(evaluate(contracts::PackageSpec{.name = "telnet-server", .installed = false}, facts),
                             "package database unreadable: rpm -qa exited 1: bad");
}

TEST(FactHealth, BrokenSocketTableMakesAClosedPortAnError) {
  Facts facts;
  facts.sockets = std::unexpected(deterministic_error("/proc/net/tcp is missing or unreadable"));
  expect_deterministic_error(evaluate(contracts::PortSpec{.port = 23, .listening = false}, facts), "/proc/net/tcp is missing or unreadable");
}

TEST(FactHealth, ActiveStateWithoutSystemdIsDeterministic) {
  Facts facts;
  facts.services["ssh.service"] = UnitFacts{contracts::UnitState::enabled, "/lib/systemd/system/ssh.service", std::nullopt};
  const Outcome outcome = evaluate(contracts::ServiceSpec{.name = "ssh.service", .active = true}, facts);
  EXPECT_EQ(outcome.verdict, Verdict::error);
  EXPECT_EQ(outcome.error_kind, ErrorKind::deterministic);
}

// Whether a run asks the target if it is still up: only when some fact did not come back.
TEST(FactHealth, AnyErrorIsTrueOnlyWhenSomeFactFailed) {
  Facts facts;
  EXPECT_FALSE(any_error(facts));
  facts.files["/etc/passwd"] = FileInfo{};
  facts.packages = PackageFacts{};
  EXPECT_FALSE(any_error(facts));
  facts.commands["true"] = std::unexpected(FactError("the target stopped before running this command"));
  EXPECT_TRUE(any_error(facts));
  facts.commands.clear();
  facts.packages = std::unexpected(FactError("package database unreadable"));
  EXPECT_TRUE(any_error(facts));
}

}  // namespace
}  // namespace hallmark::probes
