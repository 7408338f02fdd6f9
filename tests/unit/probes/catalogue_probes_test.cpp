#include <gtest/gtest.h>

#include "probes/account_probes.hpp"
#include "probes/command_probe.hpp"
#include "probes/file_probe.hpp"
#include "probes/kernel_probe.hpp"
#include "probes/os_probe.hpp"
#include "probes/service_probe.hpp"
#include "probes/sysctl_probe.hpp"

namespace hallmark::probes {
namespace {

contracts::Pattern pattern(std::string_view text) { return *contracts::Pattern::compile(text); }

FileInfo file_with(std::string content) {
  FileInfo info;
  info.exists = true;
  info.type = contracts::FileType::file;
  info.size = content.size();
  info.content = std::move(content);
  return info;
}

Facts with_files(std::map<std::string, Fact<FileInfo>> files) {
  Facts facts;
  facts.files = std::move(files);
  return facts;
}

TEST(SysctlBounds, RegexAndNumericBoundsAreJudged) {
  Facts facts;
  facts.sysctls.emplace("kernel.pid_max", std::optional<std::string>("4194304\n"));
  EXPECT_EQ(evaluate(contracts::SysctlSpec{.key = "kernel.pid_max", .min = 32768}, facts).verdict, Verdict::pass);
  const Outcome too_big = evaluate(contracts::SysctlSpec{.key = "kernel.pid_max", .max = 65536}, facts);
  EXPECT_EQ(too_big.verdict, Verdict::fail);
  EXPECT_EQ(too_big.expected, "kernel.pid_max <= 65536");
  EXPECT_EQ(evaluate(contracts::SysctlSpec{.key = "kernel.pid_max", .matches = pattern("^[0-9]{7}$")}, facts).verdict, Verdict::pass);
}

TEST(FileExtras, Sha256SizeTargetAndRegexAreChecked) {
  FileInfo link;
  link.exists = true;
  link.type = contracts::FileType::symlink;
  link.link_target = "../usr/lib/os-release";
  const Facts facts = with_files({{"/etc/motd", file_with("hello\n")}, {"/etc/os-release", link}});
  contracts::FileSpec digest{.path = "/etc/motd", .sha256 = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"};
  EXPECT_EQ(evaluate(digest, facts).verdict, Verdict::pass);
  digest.sha256 = std::string(64, '0');
  EXPECT_EQ(evaluate(digest, facts).actual, "/etc/motd: has sha256 5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
  EXPECT_EQ(evaluate(contracts::FileSpec{.path = "/etc/motd", .max_size = 3}, facts).actual, "/etc/motd: is 6 bytes");
  EXPECT_EQ(evaluate(contracts::FileSpec{.path = "/etc/motd", .matches = {pattern("^hel+o$")}}, facts).verdict, Verdict::pass);
  EXPECT_EQ(evaluate(contracts::FileSpec{.path = "/etc/os-release", .target = "/usr/lib/os-release"}, facts).actual,
            "/etc/os-release: points to ../usr/lib/os-release");
}

TEST(KernelProbe, ReleaseIsOrderedAndCmdlineSearched) {
  Facts facts = with_files({{"/proc/cmdline", file_with("BOOT_IMAGE=/vmlinuz root=/dev/vda ro quiet\n")}});
  facts.sysctls.emplace("kernel.osrelease", std::optional<std::string>("6.1.0-13-amd64\n"));
  const contracts::KernelSpec recent{.release = *contracts::parse_version_constraint(">= 6.1.0-10")};
  EXPECT_EQ(evaluate(recent, facts).verdict, Verdict::pass);
  const contracts::KernelSpec too_old{.release = *contracts::parse_version_constraint(">= 6.1.0-20")};
  EXPECT_EQ(evaluate(too_old, facts).actual, "kernel release 6.1.0-13-amd64");
  EXPECT_EQ(evaluate(too_old, facts).verdict, Verdict::fail);
  EXPECT_EQ(evaluate(contracts::KernelSpec{.cmdline_contains = {"root=/dev/vda"}}, facts).verdict, Verdict::pass);
  EXPECT_EQ(evaluate(contracts::KernelSpec{.cmdline_contains = {"apparmor=1"}}, facts).verdict, Verdict::fail);
}

TEST(ServiceProbe, StateFromUnitFilesAndActiveOnlyWhereSystemdRuns) {
  Facts facts;
  facts.services.emplace("ssh.service", UnitFacts{contracts::UnitState::enabled, "/lib/systemd/system/ssh.service", std::nullopt});
  EXPECT_EQ(evaluate(contracts::ServiceSpec{.name = "ssh.service", .state = contracts::UnitState::enabled}, facts).verdict,
            Verdict::pass);
  const Outcome masked = evaluate(contracts::ServiceSpec{.name = "ssh.service", .state = contracts::UnitState::masked}, facts);
  EXPECT_EQ(masked.actual, "ssh.service enabled (/lib/systemd/system/ssh.service)");
  const Outcome active = evaluate(contracts::ServiceSpec{.name = "ssh.service", .active = true}, facts);
  EXPECT_EQ(active.verdict, Verdict::error);
  facts.services["ssh.service"]->active = "inactive";
  EXPECT_EQ(evaluate(contracts::ServiceSpec{.name = "ssh.service", .active = true}, facts).verdict, Verdict::fail);
}

const char* const k_passwd = "root:x:0:0:root:/root:/bin/bash\nsshd:x:100:65534::/run/sshd:/usr/sbin/nologin\n";
const char* const k_group = "root:x:0:\nshadow:x:42:\nadm:x:4:sshd,alice\nnogroup:x:65534:\n";

TEST(AccountProbes, UserPropertiesAndMembership) {
  const Facts facts = with_files({{"/etc/passwd", file_with(k_passwd)}, {"/etc/group", file_with(k_group)}});
  EXPECT_EQ(evaluate(contracts::UserSpec{.name = "sshd", .uid = 100, .home = "/run/sshd", .groups = {"nogroup", "adm"}}, facts).verdict,
            Verdict::pass);
  const Outcome wrong = evaluate(contracts::UserSpec{.name = "sshd", .shell = "/bin/sh", .groups = {"shadow"}}, facts);
  EXPECT_EQ(wrong.verdict, Verdict::fail);
  EXPECT_EQ(wrong.actual, "user sshd uid 100, gid 65534, home /run/sshd, shell /usr/sbin/nologin; not in shadow");
  EXPECT_EQ(evaluate(contracts::UserSpec{.name = "games", .absent = true}, facts).verdict, Verdict::pass);
  EXPECT_EQ(evaluate(contracts::UserSpec{.name = "root", .absent = true}, facts).verdict, Verdict::fail);
}

TEST(AccountProbes, GroupGidAndMembers) {
  const Facts facts = with_files({{"/etc/passwd", file_with(k_passwd)}, {"/etc/group", file_with(k_group)}});
  EXPECT_EQ(evaluate(contracts::GroupSpec{.name = "adm", .gid = 4, .members = {"alice", "sshd"}}, facts).verdict, Verdict::pass);
  EXPECT_EQ(evaluate(contracts::GroupSpec{.name = "root", .members = {"root"}}, facts).verdict, Verdict::pass);  // primary group
  EXPECT_EQ(evaluate(contracts::GroupSpec{.name = "shadow", .gid = 43}, facts).actual, "group shadow gid 42, members (none)");
}

TEST(OsProbe, IdVersionAndLikeness) {
  const Facts facts = with_files({{"/etc/os-release", file_with("NAME=\"Red Hat\"\nID=\"rhel\"\nID_LIKE=\"fedora\"\nVERSION_ID=\"9.3\"\n")},
                                  {"/usr/lib/os-release", FileInfo{}}});
  EXPECT_EQ(evaluate(contracts::OsSpec{.id = "rhel", .version_id = *contracts::parse_version_constraint(">= 9.2"), .id_like = {"fedora"}},
                     facts)
                .verdict,
            Verdict::pass);
  const Outcome old = evaluate(contracts::OsSpec{.version_id = *contracts::parse_version_constraint(">= 9.10")}, facts);
  EXPECT_EQ(old.verdict, Verdict::fail);
  EXPECT_EQ(old.actual, "os-release ID=rhel, VERSION_ID=9.3, ID_LIKE=fedora");
}

TEST(CommandRegex, StreamsAreMatchedByPattern) {
  Facts facts;
  facts.commands.emplace("ls /", CommandRun{0, false, "bin\netc\nusr\n", ""});
  EXPECT_EQ(evaluate(contracts::CommandSpec{.run = "ls /", .stdout_matches = {pattern("^etc$")}}, facts).verdict, Verdict::pass);
  EXPECT_EQ(evaluate(contracts::CommandSpec{.run = "ls /", .stdout_matches = {pattern("^opt$")}}, facts).actual,
            "stdout does not match /^opt$/");
}

}  // namespace
}  // namespace hallmark::probes
