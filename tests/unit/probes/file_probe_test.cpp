#include "probes/file_probe.hpp"

#include <gtest/gtest.h>

namespace hallmark::probes {
namespace {

FileInfo regular_file(unsigned mode, std::string content = {}) {
  FileInfo info;
  info.exists = true;
  info.type = contracts::FileType::file;
  info.mode = mode;
  info.user = "root";
  info.group = "root";
  info.content = std::move(content);
  return info;
}

Facts with_file(const std::string& path, Fact<FileInfo> info) {
  Facts facts;
  facts.files.emplace(path, std::move(info));
  return facts;
}

TEST(FileProbe, MatchingMetadataAndContentPasses) {
  contracts::FileSpec spec{.path = "/etc/ssh/sshd_config", .type = contracts::FileType::file, .mode = 0644, .owner = "root",
                           .contains = {"PermitRootLogin no"}};
  EXPECT_EQ(evaluate(spec, with_file(spec.path, regular_file(0644, "Port 22\nPermitRootLogin no\n"))).verdict, Verdict::pass);
}

TEST(FileProbe, EveryMismatchIsListed) {
  contracts::FileSpec spec{.path = "/etc/ssh/sshd_config", .mode = 0644, .owner = "sshd", .contains = {"PermitRootLogin no"}};
  const Outcome outcome = evaluate(spec, with_file(spec.path, regular_file(0666, "PermitRootLogin yes\n")));
  EXPECT_EQ(outcome.verdict, Verdict::fail);
  EXPECT_EQ(outcome.expected, "/etc/ssh/sshd_config: exists, mode 0644, owner sshd, contains \"PermitRootLogin no\"");
  EXPECT_EQ(outcome.actual, "/etc/ssh/sshd_config: mode 0666; owner root (0); does not contain \"PermitRootLogin no\"");
}

TEST(FileProbe, OwnerMayBeGivenAsNumericId) {
  contracts::FileSpec spec{.path = "/x", .owner = "0", .group = "root"};
  EXPECT_EQ(evaluate(spec, with_file("/x", regular_file(0600))).verdict, Verdict::pass);
}

TEST(FileProbe, MissingFileFailsAndAbsentFilePasses) {
  contracts::FileSpec exists{.path = "/etc/motd"};
  contracts::FileSpec absent{.path = "/etc/motd", .absent = true};
  const Facts facts = with_file("/etc/motd", FileInfo{});
  EXPECT_EQ(evaluate(exists, facts).actual, "/etc/motd does not exist");
  EXPECT_EQ(evaluate(exists, facts).verdict, Verdict::fail);
  EXPECT_EQ(evaluate(absent, facts).verdict, Verdict::pass);
  EXPECT_EQ(evaluate(absent, with_file("/etc/motd", regular_file(0644))).verdict, Verdict::fail);
}

TEST(FileProbe, WrongTypeFails) {
  contracts::FileSpec spec{.path = "/etc", .type = contracts::FileType::directory};
  EXPECT_EQ(evaluate(spec, with_file("/etc", regular_file(0755))).actual, "/etc: is a file");
}

TEST(FileProbe, UnreadableContentIsAnErrorOfContainsChecks) {
  contracts::FileSpec spec{.path = "/etc/shadow", .contains = {"root:"}};
  FileInfo info = regular_file(0640);
  info.content.reset();
  const Outcome outcome = evaluate(spec, with_file(spec.path, info));
  EXPECT_EQ(outcome.verdict, Verdict::error);
  EXPECT_EQ(outcome.error_kind, ErrorKind::deterministic);
  EXPECT_EQ(outcome.actual, "/etc/shadow: content unreadable (not a regular file hallmark may read)");
}

TEST(FileProbe, UngatheredFactIsAnError) {
  contracts::FileSpec spec{.path = "/etc/passwd"};
  EXPECT_EQ(evaluate(spec, with_file(spec.path, std::unexpected("target lost"))).verdict, Verdict::error);
  EXPECT_EQ(evaluate(spec, Facts{}).verdict, Verdict::error);
}

TEST(FileProbe, PlanAsksForContentOnlyWhenNeeded) {
  FactRequest request;
  plan(contracts::FileSpec{.path = "/a"}, request);
  plan(contracts::FileSpec{.path = "/b", .contains = {"x"}}, request);
  plan(contracts::FileSpec{.path = "/b"}, request);
  EXPECT_EQ(request.files, (std::map<std::string, bool>{{"/a", false}, {"/b", true}}));
}

}  // namespace
}  // namespace hallmark::probes
