#include "probes/baseline_diff.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace hallmark::probes {
namespace {

using contracts::BaselineSpec;
using contracts::DiffAction;
using contracts::Protocol;

ElfFacts elf_of(std::string soname, std::vector<ElfSymbol> exports, std::vector<std::string> versions = {"VERS_1", "VERS_2"}) {
  ElfFacts elf;
  elf.soname = std::move(soname);
  elf.exports = std::move(exports);
  std::ranges::sort(elf.exports);
  elf.version_definitions = std::move(versions);
  return elf;
}

ElfFacts demo_elf(std::vector<ElfSymbol> exports, std::vector<std::string> versions = {"VERS_1", "VERS_2"}) {
  return elf_of("libdemo.so.1", std::move(exports), std::move(versions));
}

const ElfSymbol k_foo_1{"foo", "VERS_1", false, false, true};
const ElfSymbol k_foo_2{"foo", "VERS_2", true, false, true};
const ElfSymbol k_bar{"bar", "VERS_2", true, false, true};

// A Debian-like target: three packages, one library, one sysctl, sshd listening.
Facts debian_facts() {
  Facts facts;
  facts.packages = PackageFacts{VersionScheme::dpkg,
                                {{"libfoo", "1.0-1", "amd64"},
                                 {"openssl", "3.0.11-1~deb12u2", "amd64"},
                                 {"telnetd", "0.17-41", "amd64"}}};
  facts.sysctls["net.ipv4.ip_forward"] = std::optional<std::string>{"0"};
  facts.sockets = std::vector<Socket>{{Protocol::tcp, "0.0.0.0", 22, true}, {Protocol::tcp, "::", 22, true}};
  facts.libraries["libdemo.so.1"] = LibraryFacts{"/usr/lib/libdemo.so.1", demo_elf({k_foo_1, k_foo_2, k_bar})};
  return facts;
}

Facts with_packages(PackageFacts packages) {
  Facts facts = debian_facts();
  facts.packages = std::move(packages);
  return facts;
}

// The default policy, changed by `edit`.
BaselineSpec policy(const auto& edit) {
  BaselineSpec spec;
  edit(spec);
  return spec;
}

Snapshot baseline_of(Facts facts) { return Snapshot{{"docker-image:core:12.5", "core:12.5", "sha256:aa", {}, "", ""}, std::move(facts)}; }

std::vector<std::string> ids(const std::vector<BaselineFinding>& findings) {
  std::vector<std::string> ids;
  for (const BaselineFinding& finding : findings) ids.push_back(finding.id);
  return ids;
}

std::vector<BaselineFinding> compare(const Facts& before, const Facts& after, const BaselineSpec& policy = {}) {
  return compare_to_baseline(policy, baseline_of(before), after);
}

void set_version(Facts& facts, const std::string& name, const std::string& version) {
  for (InstalledPackage& package : (*facts.packages)->installed) {
    if (package.name == name) package.version = version;
  }
}

void remove_package(Facts& facts, const std::string& name) {
  std::erase_if((*facts.packages)->installed, [&](const InstalledPackage& package) { return package.name == name; });
}

TEST(BaselineDiff, IdenticalFactsGiveNoFindings) {
  EXPECT_TRUE(compare(debian_facts(), debian_facts()).empty());
  EXPECT_TRUE(diff_snapshots(report_everything(), baseline_of(debian_facts()), baseline_of(debian_facts())).empty());
}

TEST(BaselineDiff, BaselineReadBackFromItsJsonMatchesTheFactsItWasTakenFrom) {
  Facts facts = debian_facts();
  facts.binary_dirs["/usr/lib"] = std::vector<BinaryFacts>{{"/usr/lib/libz.so.1.2.13", elf_of("libz.so.1", {k_bar})},
                                                           {"/usr/lib/README.so", std::unexpected("not an ELF file")}};
  (*facts.sockets)->push_back({Protocol::tcp, "10.0.0.5", 41000, false});
  const auto baseline = snapshot_from_json(snapshot_to_json(baseline_of(facts)), "core.snapshot.json");
  ASSERT_TRUE(baseline.has_value()) << baseline.error();
  EXPECT_TRUE(compare_to_baseline(report_everything(), *baseline, facts).empty());
}

TEST(BaselineDiff, RemovedPackageFailsAndNothingElseIsFound) {
  Facts after = debian_facts();
  remove_package(after, "libfoo");
  const auto findings = compare(debian_facts(), after);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, "baseline.packages");
  EXPECT_EQ(findings[0].id, "package.removed.libfoo");
  EXPECT_EQ(findings[0].action, DiffAction::fail);
  EXPECT_EQ(findings[0].expected, "libfoo 1.0-1 (amd64)");
  EXPECT_EQ(findings[0].actual, "not installed");
  EXPECT_FALSE(findings[0].error);
}

TEST(BaselineDiff, AddedPackageIsReportedAndUpgradeIgnoredByDefault) {
  Facts after = debian_facts();
  (*after.packages)->installed.push_back({"curl", "7.88.1-10", "amd64"});
  set_version(after, "openssl", "3.0.13-1~deb12u1");
  const auto findings = compare(debian_facts(), after);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].id, "package.added.curl");
  EXPECT_EQ(findings[0].action, DiffAction::report);
  EXPECT_EQ(findings[0].actual, "curl 7.88.1-10 (amd64)");
}

TEST(BaselineDiff, DowngradeFollowsDpkgTildeOrdering) {
  Facts after = debian_facts();
  set_version(after, "openssl", "3.0.11-1~deb12u1");  // ~deb12u1 < ~deb12u2
  set_version(after, "libfoo", "1.0-1+b1");           // a binNMU is newer
  const auto findings = compare(debian_facts(), after);
  EXPECT_EQ(ids(findings), std::vector<std::string>{"package.downgraded.openssl"});
  EXPECT_EQ(findings[0].expected, "openssl 3.0.11-1~deb12u2 (amd64)");
  EXPECT_EQ(findings[0].actual, "openssl 3.0.11-1~deb12u1 (amd64)");

  Facts tilde = debian_facts();
  set_version(tilde, "libfoo", "1.0~rc1-1");  // a release candidate sorts before the release
  EXPECT_EQ(ids(compare(debian_facts(), tilde)), std::vector<std::string>{"package.downgraded.libfoo"});
}

TEST(BaselineDiff, DowngradeRespectsRpmEpochs) {
  const Facts before = with_packages({VersionScheme::rpm, {{"openssl-libs", "1:3.0.7-25.el9", "x86_64"}}});
  Facts epoch_dropped = before;
  (*epoch_dropped.packages)->installed[0].version = "3.2.2-1.el9";  // epoch 0 < 1, however new the version
  EXPECT_EQ(ids(compare(before, epoch_dropped)), std::vector<std::string>{"package.downgraded.openssl-libs"});
  Facts release_bumped = before;
  (*release_bumped.packages)->installed[0].version = "1:3.0.7-27.el9";
  const BaselineSpec upgrades_reported = policy([](BaselineSpec& p) { p.packages.upgraded = DiffAction::report; });
  EXPECT_EQ(ids(compare(before, release_bumped, upgrades_reported)), std::vector<std::string>{"package.upgraded.openssl-libs"});
}

TEST(BaselineDiff, InstancesAreComparedPerNameAndArch) {
  const Facts before = with_packages({VersionScheme::dpkg, {{"libc6", "2.36-9", "amd64"}, {"libc6", "2.36-9", "i386"}}});
  Facts after = before;
  (*after.packages)->installed.pop_back();
  EXPECT_EQ(ids(compare(before, after)), std::vector<std::string>{"package.removed.libc6:i386"});

  const Facts kernels =
      with_packages({VersionScheme::rpm, {{"kernel-core", "5.14.0-362", "x86_64"}, {"kernel-core", "5.14.0-70", "x86_64"}}});
  Facts older_only = kernels;
  (*older_only.packages)->installed.erase((*older_only.packages)->installed.begin());
  const auto findings = compare(kernels, older_only);
  EXPECT_EQ(ids(findings), std::vector<std::string>{"package.downgraded.kernel-core"});
  EXPECT_EQ(findings[0].expected, "kernel-core 5.14.0-362, 5.14.0-70 (x86_64)");
}

TEST(BaselineDiff, AllowedRemovalIsOnlyReported) {
  Facts after = debian_facts();
  remove_package(after, "telnetd");
  const auto findings = compare(debian_facts(), after, policy([](BaselineSpec& p) { p.allow_removed_packages = {"telnetd"}; }));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].id, "package.removed.telnetd");
  EXPECT_EQ(findings[0].action, DiffAction::report);
  const BaselineSpec ignoring = policy([](BaselineSpec& p) {
    p.packages.removed = DiffAction::ignore;
    p.allow_removed_packages = {"telnetd"};
  });
  EXPECT_TRUE(compare(debian_facts(), after, ignoring).empty());
}

TEST(BaselineDiff, ChangeOfPackageFamilyIsItselfAFinding) {
  const Facts after = with_packages({VersionScheme::rpm, {{"libfoo", "0.9-1", "amd64"}, {"openssl", "3.0.11-1~deb12u2", "amd64"},
                                                          {"telnetd", "0.17-41", "amd64"}}});
  const auto findings = compare(debian_facts(), after);
  ASSERT_EQ(ids(findings), std::vector<std::string>{"package.family.changed"});
  EXPECT_EQ(findings[0].expected, "dpkg");
  EXPECT_EQ(findings[0].actual, "rpm");
}

TEST(BaselineDiff, RemovedSymbolAndVersionAreEachAFinding) {
  Facts after = debian_facts();
  after.libraries["libdemo.so.1"] = LibraryFacts{"/usr/lib/libdemo.so.1", demo_elf({k_foo_1, k_bar}, {"VERS_1"})};
  const auto findings = compare(debian_facts(), after);
  EXPECT_EQ(ids(findings), (std::vector<std::string>{"symbol.removed.libdemo.so.1.foo@@VERS_2", "version.removed.libdemo.so.1.VERS_2"}));
  EXPECT_EQ(findings[0].kind, "baseline.symbols");
  EXPECT_EQ(findings[0].expected, "libdemo.so.1 exports foo@@VERS_2");
  EXPECT_EQ(findings[0].actual, "libdemo.so.1 does not export foo@@VERS_2");
}

TEST(BaselineDiff, DefaultVersionTurnedCompatIsARemoval) {
  Facts after = debian_facts();
  const ElfSymbol foo_2_compat{"foo", "VERS_2", false, false, true};
  after.libraries["libdemo.so.1"] = LibraryFacts{"/usr/lib/libdemo.so.1", demo_elf({k_foo_1, foo_2_compat, k_bar})};
  const BaselineSpec both = policy([](BaselineSpec& p) { p.symbols.added = DiffAction::report; });
  EXPECT_EQ(ids(compare(debian_facts(), after, both)),
            (std::vector<std::string>{"symbol.added.libdemo.so.1.foo@VERS_2", "symbol.removed.libdemo.so.1.foo@@VERS_2"}));
}

TEST(BaselineDiff, VanishedLibraryIsOneFinding) {
  Facts after = debian_facts();
  after.libraries["libdemo.so.1"] = LibraryFacts{};
  const auto findings = compare(debian_facts(), after);
  ASSERT_EQ(ids(findings), std::vector<std::string>{"library.removed.libdemo.so.1"});
  EXPECT_EQ(findings[0].expected, "/usr/lib/libdemo.so.1 (soname libdemo.so.1, 3 exports, 2 version definitions)");
  EXPECT_EQ(findings[0].actual, "not found on the target");
}

TEST(BaselineDiff, ChangedSonameIsARemoval) {
  Facts after = debian_facts();
  ElfFacts renamed = demo_elf({k_foo_1, k_foo_2, k_bar});
  renamed.soname = "libdemo.so.2";
  after.libraries["libdemo.so.1"] = LibraryFacts{"/usr/lib/libdemo.so.1", renamed};
  EXPECT_EQ(ids(compare(debian_facts(), after)), std::vector<std::string>{"soname.changed.libdemo.so.1"});
}

TEST(BaselineDiff, LibrariesInSnapshottedDirectoriesAreMatchedBySoname) {
  Facts before = debian_facts();
  before.binary_dirs["/usr/lib"] = std::vector<BinaryFacts>{{"/usr/lib/libz.so.1.2.13", elf_of("libz.so.1", {k_foo_1, k_foo_2})}};
  Facts after = debian_facts();
  after.binary_dirs["/usr/lib"] = std::vector<BinaryFacts>{{"/usr/lib/libz.so.1.3", elf_of("libz.so.1", {k_foo_1})},
                                                           {"/usr/lib/libnew.so.3", elf_of("libnew.so.3", {})}};
  const auto findings = compare(before, after, policy([](BaselineSpec& p) { p.symbols.added = DiffAction::report; }));
  EXPECT_EQ(ids(findings), (std::vector<std::string>{"library.added.libnew.so.3", "symbol.removed.libz.so.1.foo@@VERS_2"}));

  const BaselineSpec named = policy([](BaselineSpec& p) { p.symbols.libraries = {{"libz.so.1"}}; });
  after.binary_dirs["/usr/lib"] = std::vector<BinaryFacts>{};
  const auto removed = compare(before, after, named);
  ASSERT_EQ(ids(removed), std::vector<std::string>{"library.removed.libz.so.1"});
  EXPECT_EQ(removed[0].actual, "no libz.so.1 in /usr/lib");
}

TEST(BaselineDiff, OnlyTheNamedLibrariesAreCompared) {
  Facts before = debian_facts();
  before.libraries["libother.so.1"] = LibraryFacts{"/usr/lib/libother.so.1", demo_elf({k_bar})};
  Facts after = before;
  after.libraries["libother.so.1"] = LibraryFacts{};
  const BaselineSpec named = policy([](BaselineSpec& p) { p.symbols.libraries = {{"libdemo.so.1"}}; });
  EXPECT_TRUE(compare(before, after, named).empty());
  const BaselineSpec unknown = policy([](BaselineSpec& p) { p.symbols.libraries = {{"libssl.so.3"}}; });
  const auto findings = compare(before, after, unknown);
  ASSERT_EQ(ids(findings), std::vector<std::string>{"library.unavailable.libssl.so.3"});
  EXPECT_TRUE(findings[0].error);
  EXPECT_EQ(findings[0].actual, "the baseline snapshot holds no libssl.so.3");
}

TEST(BaselineDiff, ChangedSysctlFails) {
  Facts after = debian_facts();
  after.sysctls["net.ipv4.ip_forward"] = std::optional<std::string>{"1"};
  const auto findings = compare(debian_facts(), after);
  ASSERT_EQ(ids(findings), std::vector<std::string>{"sysctl.changed.net.ipv4.ip_forward"});
  EXPECT_EQ(findings[0].action, DiffAction::fail);
  EXPECT_EQ(findings[0].expected, "net.ipv4.ip_forward = 0");
  EXPECT_EQ(findings[0].actual, "net.ipv4.ip_forward = 1");
  after.sysctls["net.ipv4.ip_forward"] = std::optional<std::string>{};
  EXPECT_EQ(compare(debian_facts(), after)[0].actual, "net.ipv4.ip_forward does not exist");
}

TEST(BaselineDiff, ClosedPortFailsAndOpenedPortIsReported) {
  Facts after = debian_facts();
  after.sockets = std::vector<Socket>{
      {Protocol::tcp, "::", 22, true}, {Protocol::udp, "::", 5353, true}, {Protocol::tcp, "0.0.0.0", 80, false}};
  const auto findings = compare(debian_facts(), after);
  ASSERT_EQ(ids(findings), (std::vector<std::string>{"port.closed.tcp-22", "port.opened.udp-::-5353"}));
  EXPECT_EQ(findings[0].action, DiffAction::fail);
  EXPECT_EQ(findings[0].expected, "tcp 0.0.0.0:22 listening");
  EXPECT_EQ(findings[1].action, DiffAction::report);
  EXPECT_EQ(findings[1].actual, "udp [::]:5353 listening");
}

TEST(BaselineDiff, UngatheredCandidateFactsAreErrorsNotSilence) {
  Facts after;
  after.packages = std::unexpected("dpkg database unreadable");
  after.sysctls["net.ipv4.ip_forward"] = std::unexpected("Permission denied");
  after.libraries["libdemo.so.1"] = std::unexpected("target lost");
  const auto findings = compare(debian_facts(), after);
  ASSERT_EQ(ids(findings), (std::vector<std::string>{"packages.unavailable", "library.unavailable.libdemo.so.1",
                                                     "sysctl.unavailable.net.ipv4.ip_forward", "ports.unavailable"}));
  for (const BaselineFinding& finding : findings) {
    EXPECT_TRUE(finding.error) << finding.id;
    EXPECT_EQ(finding.action, DiffAction::fail) << finding.id;
  }
  EXPECT_EQ(findings[0].actual, "dpkg database unreadable");
  EXPECT_EQ(findings[3].actual, "listening sockets were not gathered");
}

TEST(BaselineDiff, BaselineThatCouldNotRecordAFactIsAnError) {
  Facts before = debian_facts();
  before.sockets = std::unexpected("target lost");
  const auto findings = compare(before, debian_facts());
  ASSERT_EQ(ids(findings), std::vector<std::string>{"ports.unavailable"});
  EXPECT_EQ(findings[0].actual, "the baseline snapshot could not record listening sockets: target lost");
}

TEST(BaselineDiff, IgnoredKindsAreNotComparedAtAll) {
  const BaselineSpec nothing = policy([](BaselineSpec& p) {
    p.packages = {DiffAction::ignore, DiffAction::ignore, DiffAction::ignore, DiffAction::ignore};
    p.symbols.removed = p.sysctl.changed = p.ports.closed = p.ports.opened = DiffAction::ignore;
  });
  EXPECT_TRUE(compare(debian_facts(), Facts{}, nothing).empty());
}

TEST(BaselineDiff, OfflineDiffReportsEverythingAndFailsNothing) {
  Facts after = debian_facts();
  set_version(after, "openssl", "3.0.13-1~deb12u1");
  const ElfSymbol baz{"baz", "VERS_2", true, false, true};
  after.libraries["libdemo.so.1"] = LibraryFacts{"/usr/lib/libdemo.so.1", demo_elf({k_foo_1, k_foo_2, k_bar, baz})};
  const auto findings = diff_snapshots(report_everything(), baseline_of(debian_facts()), baseline_of(after));
  EXPECT_EQ(ids(findings), (std::vector<std::string>{"package.upgraded.openssl", "symbol.added.libdemo.so.1.baz@@VERS_2"}));
  for (const BaselineFinding& finding : findings) EXPECT_EQ(finding.action, DiffAction::report);
}

TEST(BaselinePlan, AsksTheCandidateForWhatTheBaselineHolds) {
  Facts before = debian_facts();
  before.binary_dirs["/usr/lib"] = std::vector<BinaryFacts>{{"/usr/lib/libz.so.1.2.13", demo_elf({k_bar})}};
  FactRequest request;
  plan(BaselineSpec{}, baseline_of(before), request);
  EXPECT_TRUE(request.packages);
  EXPECT_TRUE(request.sockets);
  EXPECT_EQ(request.sysctls, std::set<std::string>{"net.ipv4.ip_forward"});
  EXPECT_EQ(request.libraries, std::set<std::string>{"libdemo.so.1"});
  EXPECT_EQ(request.binary_dirs, std::set<std::string>{"/usr/lib"});

  FactRequest named;
  plan(policy([](BaselineSpec& p) {
         p.symbols.libraries = {{"libdemo.so.1"}};
         p.sysctl.keys = {{"kernel.x"}};
         p.ports.closed = p.ports.opened = DiffAction::ignore;
       }),
       baseline_of(before), named);
  EXPECT_FALSE(named.sockets);
  EXPECT_EQ(named.sysctls, std::set<std::string>{"kernel.x"});
  EXPECT_EQ(named.libraries, std::set<std::string>{"libdemo.so.1"});
  EXPECT_TRUE(named.binary_dirs.empty());
}

}  // namespace
}  // namespace hallmark::probes
