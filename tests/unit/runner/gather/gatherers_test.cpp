// The gatherers against a scripted target: what they send, how they read well-formed answers,
// and what they make of answers a broken or dying target gives. No Docker needed.
#include <gtest/gtest.h>

#include "runner/gather/embedded_scripts.hpp"
#include "runner/gather/fact_gatherer.hpp"
#include "support/fake_transport.hpp"

namespace hallmark::runner::gather {
namespace {

using namespace std::chrono_literals;
using testing::framed;

// A /proc/net table with no socket: only its column header.
constexpr std::string_view k_no_sockets = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid\n";

class GatherersFake : public ::testing::Test {
 protected:
  probes::Facts gather(const probes::FactRequest& request) { return gather_facts(target, request, 5s); }

  testing::FakeTransport target;
};

TEST_F(GatherersFake, DpkgDatabaseIsReadFromItsRecord) {
  target.answer_output(scripts::k_packages, framed({{"scheme", "dpkg"},
                                                    {"db", "Package: openssl\nStatus: install ok installed\n"
                                                           "Architecture: amd64\nVersion: 3.0.11-1\n"}}));
  probes::FactRequest request;
  request.packages = true;
  const probes::Facts facts = gather(request);
  ASSERT_TRUE(facts.packages && facts.packages->has_value());
  EXPECT_EQ((*facts.packages)->scheme, probes::VersionScheme::dpkg);
  ASSERT_EQ((*facts.packages)->installed.size(), 1u);
  EXPECT_EQ((*facts.packages)->installed[0].name, "openssl");
  EXPECT_EQ((*facts.packages)->installed[0].version, "3.0.11-1");
  EXPECT_EQ(target.arguments_of(scripts::k_packages), std::vector<std::string>{"detect"});
}

TEST_F(GatherersFake, PinnedPackageManagerIsPassedToTheScript) {
  target.answer_output(scripts::k_packages, framed({{"scheme", "rpm"}, {"db", "bash\t0:5.1.8-6.el9\tx86_64\n"}}));
  probes::FactRequest request;
  request.packages = true;
  request.package_manager = probes::VersionScheme::rpm;
  const probes::Facts facts = gather(request);
  ASSERT_TRUE(facts.packages && facts.packages->has_value());
  EXPECT_EQ((*facts.packages)->installed.at(0).version, "5.1.8-6.el9");
  EXPECT_EQ(target.arguments_of(scripts::k_packages), std::vector<std::string>{"rpm"});
}

TEST_F(GatherersFake, ContractValuesTravelAsPositionalArgumentsOnly) {
  const std::string hostile = "/etc/x; rm -rf / $(reboot)";
  target.answer_output(scripts::k_files, framed({{"path", hostile}, {"absent", ""}}));
  probes::FactRequest request;
  request.files = {{hostile, false}};
  const probes::Facts facts = gather(request);
  ASSERT_TRUE(facts.files.at(hostile).has_value());
  EXPECT_FALSE(facts.files.at(hostile)->exists);
  const auto calls = target.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0][0], "/bin/sh");
  EXPECT_EQ(calls[0][1], "-c");
  EXPECT_EQ(calls[0][2].find(hostile), std::string::npos) << "a contract value must never be part of the script text";
  EXPECT_EQ(target.arguments_of(scripts::k_files), (std::vector<std::string>{"m", hostile}));
}

TEST_F(GatherersFake, StatLineIsDecodedAndAnIncompleteOneIsAnErrorForThatPathOnly) {
  target.answer_output(scripts::k_files, framed({{"path", "/etc/passwd"},
                                                  {"stat", "81a4 0 0 root root 1234"},
                                                  {"path", "/etc/shadow"},
                                                  {"stat", "stat: cannot statx '/etc/shadow': Permission denied"}}));
  probes::FactRequest request;
  request.files = {{"/etc/passwd", false}, {"/etc/shadow", false}};
  const probes::Facts facts = gather(request);
  const auto& passwd = facts.files.at("/etc/passwd");
  ASSERT_TRUE(passwd.has_value()) << passwd.error();
  EXPECT_EQ(passwd->type, contracts::FileType::file);
  EXPECT_EQ(passwd->mode, 0644u);
  EXPECT_EQ(passwd->size, 1234u);
  EXPECT_EQ(passwd->user, "root");
  const auto& shadow = facts.files.at("/etc/shadow");
  ASSERT_FALSE(shadow.has_value());
  EXPECT_EQ(shadow.error(), "cannot stat /etc/shadow: stat: cannot statx '/etc/shadow': Permission denied");
}

TEST_F(GatherersFake, StreamCutMidRecordFailsEveryFactOfThatKindOnly) {
  // Cut inside the value "Linux": the end record (17 bytes) and 3 more are missing.
  const std::string whole = framed({{"path", "/proc/sys/kernel/ostype"}, {"value", "Linux"}});
  target.answer_output(scripts::k_sysctls, whole.substr(0, whole.size() - 20));
  target.answer_output(scripts::k_sockets, framed({{"tcp", k_no_sockets}, {"tcp6", ""}, {"udp", k_no_sockets}, {"udp6", ""}}));
  probes::FactRequest request;
  request.sysctls = {"kernel.ostype", "vm.swappiness"};
  request.sockets = true;
  const probes::Facts facts = gather(request);
  for (const char* key : {"kernel.ostype", "vm.swappiness"}) {
    ASSERT_FALSE(facts.sysctls.at(key).has_value()) << key;
    EXPECT_EQ(facts.sysctls.at(key).error(), "the target's output ended in the middle of a record");
  }
  ASSERT_TRUE(facts.sockets && facts.sockets->has_value());
}

TEST_F(GatherersFake, TargetThatStopsBeforeTheEndRecordIsNeverTakenAsComplete) {
  target.answer_output(scripts::k_sysctls, framed({{"path", "/proc/sys/kernel/ostype"}, {"value", "Linux"}}, false));
  probes::FactRequest request;
  request.sysctls = {"kernel.ostype"};
  const probes::Facts facts = gather(request);
  ASSERT_FALSE(facts.sysctls.at("kernel.ostype").has_value());
  EXPECT_EQ(facts.sysctls.at("kernel.ostype").error(), "the target stopped answering before it finished");
}

TEST_F(GatherersFake, FailedExecIsTheReasonOfEveryFactOfItsKind) {
  target.answer(scripts::k_services, std::unexpected("container hallmark-x is not running"));
  probes::FactRequest request;
  request.services = {"ssh.service", "cron.service"};
  const probes::Facts facts = gather(request);
  for (const char* unit : {"ssh.service", "cron.service"}) {
    ASSERT_FALSE(facts.services.at(unit).has_value());
    EXPECT_EQ(facts.services.at(unit).error(), "container hallmark-x is not running");
  }
}

TEST_F(GatherersFake, GarbageInsteadOfRecordsQuotesWhatTheTargetSaid) {
  target.answer(scripts::k_sockets, runner::transports::ExecResult{2, "sh: 1: Syntax error\n", "broken shell"});
  probes::FactRequest request;
  request.sockets = true;
  const probes::Facts facts = gather(request);
  ASSERT_TRUE(facts.sockets && !facts.sockets->has_value());
  EXPECT_EQ(facts.sockets->error(), "unexpected output from the target: \"sh: 1: Syntax error\" (exit 2: broken shell)");
}

TEST_F(GatherersFake, UnreadableSysctlIsADeterministicError) {
  target.answer_output(scripts::k_sysctls, framed({{"path", "/proc/sys/kernel/cad_pid"},
                                                   {"unreadable", "cat: /proc/sys/kernel/cad_pid: Permission denied"}}));
  probes::FactRequest request;
  request.sysctls = {"kernel.cad_pid"};
  const probes::Facts facts = gather(request);
  ASSERT_FALSE(facts.sysctls.at("kernel.cad_pid").has_value());
  EXPECT_EQ(facts.sysctls.at("kernel.cad_pid").error(), "cannot read kernel.cad_pid: cat: /proc/sys/kernel/cad_pid: Permission denied");
  EXPECT_EQ(facts.sysctls.at("kernel.cad_pid").error().kind, probes::ErrorKind::deterministic);
}

TEST_F(GatherersFake, ScriptThatCannotRunOnTheImageIsADeterministicError) {
  const std::string why = "hallmark: cannot create a temporary directory (mktemp -d) in /tmp or /dev/shm\n";
  target.answer(scripts::k_files, runner::transports::ExecResult{97, "", why});
  probes::FactRequest request;
  request.files = {{"/etc/passwd", true}};
  const probes::Facts facts = gather(request);
  ASSERT_FALSE(facts.files.at("/etc/passwd").has_value());
  EXPECT_EQ(facts.files.at("/etc/passwd").error(), "the gather script cannot run on this image: " + why);
  EXPECT_EQ(facts.files.at("/etc/passwd").error().kind, probes::ErrorKind::deterministic);
}

TEST_F(GatherersFake, UnitStateIsJudgedFromTheFilesTheScriptFound) {
  target.answer_output(scripts::k_services,
                       framed({{"unit", "ssh.service"}, {"manager", "systemd"}, {"masked", "0"},
                               {"file", "/lib/systemd/system/ssh.service"}, {"content", "[Unit]\n[Install]\nWantedBy=multi-user.target\n"},
                               {"links", " /etc/systemd/system/multi-user.target.wants/ssh.service"},
                               {"unit", "getty-static.service"}, {"manager", "systemd"}, {"masked", "0"},
                               {"file", "/lib/systemd/system/getty-static.service"}, {"content", "[Unit]\n"}, {"links", ""},
                               {"unit", "telnet.service"}, {"manager", "systemd"}, {"masked", "1"}, {"file", ""}, {"links", ""}}));
  probes::FactRequest request;
  request.services = {"ssh.service", "getty-static.service", "telnet.service"};
  const probes::Facts facts = gather(request);
  EXPECT_EQ(facts.services.at("ssh.service")->state, contracts::UnitState::enabled);
  EXPECT_EQ(facts.services.at("getty-static.service")->state, contracts::UnitState::static_unit);
  EXPECT_EQ(facts.services.at("telnet.service")->state, contracts::UnitState::masked);
}

TEST_F(GatherersFake, CommandRunKeepsItsExitCodeStreamsAndTimeout) {
  target.answer_output(scripts::k_commands, framed({{"command", "id -u"}, {"exit", "0"}, {"timed_out", "0"},
                                                     {"stdout", "0\n"}, {"stderr", ""},
                                                     {"command", "sleep 99"}, {"exit", "124"}, {"timed_out", "1"},
                                                     {"stdout", ""}, {"stderr", ""}}));
  probes::FactRequest request;
  request.commands = {{"id -u", {10s}}, {"sleep 99", {1s}}};
  const probes::Facts facts = gather(request);
  ASSERT_TRUE(facts.commands.at("id -u").has_value());
  EXPECT_EQ(facts.commands.at("id -u")->out, "0\n");
  EXPECT_FALSE(facts.commands.at("id -u")->timed_out);
  EXPECT_TRUE(facts.commands.at("sleep 99")->timed_out);
  EXPECT_EQ(target.arguments_of(scripts::k_commands), (std::vector<std::string>{"8", "1048576", "33554432", "p", "10", "id -u", "p", "1", "sleep 99"}));
}

// The usual answer: every stream end to end in one blob, cut by the sizes `wc -c` gave.
TEST_F(GatherersFake, CommandStreamsAreCutFromTheBlobBySize) {
  target.answer_output(scripts::k_commands,
                       framed({{"sizes", "      2 1.out\n      4 1.err\n      0 2.out\n      3 2.err\n      9 total"},
                               {"blob", "0\nwarnout"},
                               {"command", "id -u"}, {"exit", "0"}, {"timed_out", "0"},
                               {"command", "ls /x"}, {"exit", "2"}, {"timed_out", "0"}}));
  probes::FactRequest request;
  request.commands = {{"id -u", {10s}}, {"ls /x", {10s}}};
  const probes::Facts facts = gather(request);
  ASSERT_TRUE(facts.commands.at("id -u").has_value()) << facts.commands.at("id -u").error();
  EXPECT_EQ(facts.commands.at("id -u")->out, "0\n");
  EXPECT_EQ(facts.commands.at("id -u")->err, "warn");
  ASSERT_TRUE(facts.commands.at("ls /x").has_value()) << facts.commands.at("ls /x").error();
  EXPECT_EQ(facts.commands.at("ls /x")->out, "");
  EXPECT_EQ(facts.commands.at("ls /x")->err, "out");
  EXPECT_EQ(facts.commands.at("ls /x")->exit_code, 2);
}

// Sizes that do not account for the blob byte for byte would hand one command's output to
// another: every command is an error instead.
TEST_F(GatherersFake, BlobWhoseSizesDoNotAddUpIsAnErrorForEveryCommand) {
  for (const std::string sizes : {"2 1.out\n4 1.err\n9 total", "2 1.out\n9 total", "2 1.out\nx 1.err\n", "20 1.out\n0 1.err\n"}) {
    target.answer_output(scripts::k_commands, framed({{"sizes", sizes}, {"blob", "0\nwarnout"},
                                                       {"command", "id -u"}, {"exit", "0"}, {"timed_out", "0"}}));
    probes::FactRequest request;
    request.commands = {{"id -u", {10s}}};
    const probes::Facts facts = gather(request);
    ASSERT_FALSE(facts.commands.at("id -u").has_value()) << sizes;
  }
}

TEST_F(GatherersFake, CommandThatMustNotOverlapIsSentToRunAloneWithThePoolSize) {
  target.answer_output(scripts::k_commands, framed({{"command", "apt-get check"}, {"exit", "0"}, {"timed_out", "0"},
                                                     {"stdout", ""}, {"stderr", ""}}));
  probes::FactRequest request;
  request.commands = {{"apt-get check", {30s, false}}};
  const probes::Facts facts = gather_facts(target, request, 5s, 3);
  ASSERT_TRUE(facts.commands.at("apt-get check").has_value());
  EXPECT_EQ(target.arguments_of(scripts::k_commands), (std::vector<std::string>{"3", "1048576", "33554432", "s", "30", "apt-get check"}));
}

// The usual answer: the keys that exist read by one `head -v`, split among them in order; a key
// head could not read has records of its own.
TEST_F(GatherersFake, SysctlsReadTogetherAreSplitByPath) {
  target.answer_output(scripts::k_sysctls,
                       framed({{"path", "/proc/sys/kernel/nope"}, {"absent", ""},
                               {"path", "/proc/sys/net/ipv6/conf/lo/stable_secret"}, {"unreadable", "Input/output error"},
                               {"values", "==> /proc/sys/kernel/ostype <==\nLinux\n\n==> /proc/sys/net/ipv4/ip_local_port_range <==\n"
                                          "32768\t60999\n\n==> /proc/sys/vm/empty <==\n"}}));
  probes::FactRequest request;
  request.sysctls = {"kernel.ostype", "kernel.nope", "net.ipv4.ip_local_port_range", "vm.empty", "net.ipv6.conf.lo.stable_secret"};
  const probes::Facts facts = gather(request);
  EXPECT_EQ(facts.sysctls.at("kernel.ostype").value(), std::optional<std::string>("Linux"));
  EXPECT_EQ(facts.sysctls.at("net.ipv4.ip_local_port_range").value(), std::optional<std::string>("32768\t60999"));
  EXPECT_EQ(facts.sysctls.at("vm.empty").value(), std::optional<std::string>(""));
  EXPECT_EQ(facts.sysctls.at("kernel.nope").value(), std::optional<std::string>());
  EXPECT_FALSE(facts.sysctls.at("net.ipv6.conf.lo.stable_secret").has_value());
  EXPECT_EQ(target.arguments_of(scripts::k_sysctls).value().front(), "1048576");
}

// Values that cannot be split, a value over its cap, or all of them cut at 16 MiB: errors for
// the keys read together, never values.
TEST_F(GatherersFake, SysctlValuesThatCannotBeSplitOrWereCutAreErrors) {
  for (const auto& answer : {framed({{"values", "head: invalid option -- 'v'\n"}}),
                             framed({{"values", "==> /proc/sys/kernel/ostype <==\n" + std::string((1u << 20) + 1, 'x')}}),
                             framed({{"values", "==> /proc/sys/kernel/ostype <==\nLin"}, {"truncated", "values"}})}) {
    target.answer_output(scripts::k_sysctls, answer);
    probes::FactRequest request;
    request.sysctls = {"kernel.ostype"};
    const probes::Facts facts = gather(request);
    ASSERT_FALSE(facts.sysctls.at("kernel.ostype").has_value()) << answer.substr(0, 80);
  }
}

TEST_F(GatherersFake, OnlyTheKindsAskedForAreGathered) {
  target.answer_output(scripts::k_sockets, framed({{"tcp", k_no_sockets}, {"tcp6", ""}, {"udp", k_no_sockets}, {"udp6", ""}}));
  probes::FactRequest request;
  request.sockets = true;
  gather(request);
  EXPECT_EQ(target.calls().size(), 1u);
}

TEST_F(GatherersFake, RpmThatExitsNonZeroIsABrokenDatabaseNotAnEmptyOne) {
  // What `rpm -qa` does on an image whose rpmdb.sqlite is corrupt: exit 1, nothing on stdout.
  target.answer_output(scripts::k_packages, framed({{"scheme", "rpm"}, {"db", ""}, {"status", "1"},
                                                    {"stderr", "error: sqlite failure: file is not a database\n"}}));
  probes::FactRequest request;
  request.packages = true;
  const probes::Facts facts = gather(request);
  ASSERT_TRUE(facts.packages && !facts.packages->has_value());
  EXPECT_EQ(facts.packages->error(), "package database unreadable: rpm -qa exited 1: error: sqlite failure: file is not a database\n");
  EXPECT_EQ(facts.packages->error().kind, probes::ErrorKind::deterministic);
}

TEST_F(GatherersFake, GarbageDpkgStatusIsAParseErrorNamingTheLine) {
  target.answer_output(scripts::k_packages, framed({{"scheme", "dpkg"}, {"db", "Package: a\nStatus: install ok installed\n\n\x7f""ELF\x02\x01\n"}}));
  probes::FactRequest request;
  request.packages = true;
  const probes::Facts facts = gather(request);
  ASSERT_TRUE(facts.packages && !facts.packages->has_value());
  EXPECT_EQ(facts.packages->error(),
            "package database /var/lib/dpkg/status is corrupt: line 4: field name '\x7f""ELF\x02\x01' must be followed by a colon");
  EXPECT_EQ(facts.packages->error().kind, probes::ErrorKind::deterministic);
}

TEST_F(GatherersFake, PackageDatabaseCutAtTheCapIsNeverReadAsComplete) {
  target.answer_output(scripts::k_packages, framed({{"scheme", "apk"}, {"db", "P:musl\n"}, {"truncated", "db"}}));
  probes::FactRequest request;
  request.packages = true;
  const probes::Facts facts = gather(request);
  ASSERT_TRUE(facts.packages && !facts.packages->has_value());
  EXPECT_EQ(facts.packages->error(), "package database /lib/apk/db/installed is larger than hallmark reads (256 MiB)");
}

TEST_F(GatherersFake, MissingIpv4SocketTableIsAnErrorNotNoSockets) {
  target.answer_output(scripts::k_sockets, framed({{"tcp", ""}, {"tcp6", ""}, {"udp", k_no_sockets}, {"udp6", ""}}));
  probes::FactRequest request;
  request.sockets = true;
  const probes::Facts facts = gather(request);
  ASSERT_TRUE(facts.sockets && !facts.sockets->has_value());
  EXPECT_EQ(facts.sockets->error(), "/proc/net/tcp is missing or unreadable");
  EXPECT_EQ(facts.sockets->error().kind, probes::ErrorKind::deterministic);
}

TEST_F(GatherersFake, UnreadableExitStatusIsAnErrorForThatCommandNotAnException) {
  target.answer_output(scripts::k_commands, "@hallmark command 5\nid -u\n@hallmark exit 2\nzz\n@hallmark end 0\n\n");
  probes::FactRequest request;
  request.commands = {{"id -u", {10s}}};
  const probes::Facts facts = gather(request);
  ASSERT_FALSE(facts.commands.at("id -u").has_value());
  EXPECT_EQ(facts.commands.at("id -u").error(), "the target reported an unreadable exit status \"zz\"");
}

TEST_F(GatherersFake, RecordLengthNearSizeMaxIsRejectedWithoutOverflow) {
  target.answer_output(scripts::k_commands, "@hallmark command 18446744073709551615\nid -u\n@hallmark end 0\n\n");
  probes::FactRequest request;
  request.commands = {{"id -u", {10s}}};
  const probes::Facts facts = gather(request);
  ASSERT_FALSE(facts.commands.at("id -u").has_value());
  EXPECT_EQ(facts.commands.at("id -u").error(), "the target's output ended in the middle of a record");
}

TEST_F(GatherersFake, ContentCutAtTheCapIsMarkedTruncated) {
  target.answer_output(scripts::k_files, framed({{"path", "/big"}, {"stat", "81a4 0 0 root root 99999999"}, {"content", "head"},
                                                 {"truncated", "content"}}));
  probes::FactRequest request;
  request.files = {{"/big", true}};
  const probes::Facts facts = gather(request);
  ASSERT_TRUE(facts.files.at("/big").has_value());
  EXPECT_TRUE(facts.files.at("/big")->content_truncated);
}

// A transport that throws, as a bug in hallmark on the way would.
class ThrowingTransport final : public transports::Transport {
 public:
  transports::Execution exec(const std::vector<std::string>&, std::string_view, std::chrono::milliseconds) override {
    throw std::runtime_error("bad_alloc in a parser");
  }
  std::string describe() const override { return "throwing transport"; }
};

TEST(GatherersThrowing, ExceptionInAGathererIsAnInternalErrorOfItsKindOnly) {
  ThrowingTransport transport;
  probes::FactRequest request;
  request.packages = true;
  request.sysctls = {"kernel.ostype"};
  const probes::Facts facts = gather_facts(transport, request, 5s);
  ASSERT_TRUE(facts.packages && !facts.packages->has_value());
  EXPECT_EQ(facts.packages->error(), "hallmark failed: bad_alloc in a parser");
  EXPECT_EQ(facts.packages->error().kind, probes::ErrorKind::internal);
  ASSERT_FALSE(facts.sysctls.at("kernel.ostype").has_value());
  EXPECT_EQ(facts.sysctls.at("kernel.ostype").error().kind, probes::ErrorKind::internal);
}

}  // namespace
}  // namespace hallmark::runner::gather
