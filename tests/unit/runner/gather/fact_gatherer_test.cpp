#include "runner/gather/fact_gatherer.hpp"

#include <signal.h>
#include <sys/stat.h>

#include <filesystem>
#include <gtest/gtest.h>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "probes/sysctl_probe.hpp"
#include "runner/transports/local_transport.hpp"
#include "support/temp_dir.hpp"
#include "util/text_file.hpp"

namespace hallmark::runner::gather {
namespace {

using namespace std::chrono_literals;

// A process that has ended but is not yet waited for by its parent.
bool is_zombie(pid_t pid) {
  const std::string stat = util::read_text_file(fmt::format("/proc/{}/stat", pid)).value_or("");
  const auto end = stat.rfind(") ");
  return end == std::string::npos || stat.substr(end + 2, 1) == "Z";
}

// A transport whose target is gone: every exec fails.
class FakeDeadTransport final : public transports::Transport {
 public:
  transports::Execution exec(const std::vector<std::string>&, std::string_view,
                                              std::chrono::milliseconds) override {
    return std::unexpected("container hallmark-x is not running");
  }
  std::string describe() const override { return "fake dead"; }
};

// The shells a target's /bin/sh may be. busybox runs with a PATH of its own applets only, as
// on an image without coreutils.
enum class Shell { dash, bash, busybox };

std::string shell_name(const ::testing::TestParamInfo<Shell>& info) {
  switch (info.param) {
    case Shell::dash: return "dash";
    case Shell::bash: return "bash";
    case Shell::busybox: return "busybox";
  }
  return "unknown";
}

// The local machine, with the gather scripts' /bin/sh replaced by `shell_` (and what `prefix_`
// puts before it: another user, another locale).
class ShellTransport final : public transports::Transport {
 public:
  ShellTransport(std::vector<std::string> shell) : shell_(std::move(shell)) {}
  void run_before_the_shell(std::vector<std::string> prefix) { prefix_ = std::move(prefix); }

  transports::Execution exec(const std::vector<std::string>& argv, std::string_view input,
                             std::chrono::milliseconds timeout) override {
    std::vector<std::string> actual = prefix_;
    actual.insert(actual.end(), shell_.begin(), shell_.end());
    actual.insert(actual.end(), argv.begin() + 1, argv.end());  // argv[0] is "/bin/sh"
    return local_.exec(actual, input, timeout);
  }
  std::string describe() const override { return "local shell"; }

 private:
  transports::LocalTransport local_;
  std::vector<std::string> shell_;
  std::vector<std::string> prefix_;
};

// Runs the gathering scripts for real, under dash, bash (POSIX mode) and busybox sh, on files
// made by the test.
class FactGathererLocal : public ::testing::TestWithParam<Shell> {
 protected:
  static std::vector<std::string> shell_command(Shell shell, const std::filesystem::path& applets) {
    switch (shell) {
      case Shell::dash: return {"/usr/bin/dash"};
      case Shell::bash: return {"/usr/bin/bash", "--posix"};
      case Shell::busybox: return {"/usr/bin/env", "PATH=" + applets.string(), "/bin/busybox", "sh"};
    }
    return {};
  }

  // A directory of busybox's applets, for its PATH.
  static std::filesystem::path busybox_applets(const testing::TempDir& dir) {
    const auto applets = dir.path() / "busybox-applets";
    std::filesystem::create_directories(applets);
    const auto list = transports::LocalTransport().exec({"/bin/busybox", "--list"}, {}, 10s);
    if (!list || list->exit_code != 0) throw std::runtime_error("busybox --list failed: is busybox-static installed?");
    std::istringstream names(list->out);
    for (std::string name; std::getline(names, name);) {
      std::filesystem::create_symlink("/bin/busybox", applets / name);
    }
    return applets;
  }

  void SetUp() override {
    // Readable for the unprivileged user of the unreadable-file case.
    std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                                 std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                                                 std::filesystem::perms::others_exec);
  }

  testing::TempDir dir;
  ShellTransport transport{shell_command(GetParam(), busybox_applets(dir))};
};

INSTANTIATE_TEST_SUITE_P(Shells, FactGathererLocal, ::testing::Values(Shell::dash, Shell::bash, Shell::busybox),
                         shell_name);

TEST_P(FactGathererLocal, FileMetadataAndContentAreByteExact) {
  const std::string content("line\n\0binary\xff\n\n", 15);
  const std::string path = dir.write("data.bin", content);
  chmod(path.c_str(), 0640);
  std::filesystem::create_symlink(path, dir.path() / "link");
  probes::FactRequest request;
  request.files = {{path, true}, {(dir.path() / "link").string(), false}, {(dir.path() / "missing").string(), true}};
  const probes::Facts facts = gather_facts(transport, request, 30s);

  const auto& file = facts.files.at(path);
  ASSERT_TRUE(file.has_value()) << file.error();
  EXPECT_TRUE(file->exists);
  EXPECT_EQ(file->type, contracts::FileType::file);
  EXPECT_EQ(file->mode, 0640u);
  EXPECT_EQ(file->size, content.size());
  EXPECT_EQ(file->content, content);
  const auto& link = facts.files.at((dir.path() / "link").string());
  ASSERT_TRUE(link.has_value()) << link.error();
  EXPECT_EQ(link->type, contracts::FileType::symlink);
  EXPECT_EQ(link->link_target, path);
  EXPECT_FALSE(link->content.has_value());
  EXPECT_FALSE(facts.files.at((dir.path() / "missing").string())->exists);
}

TEST_P(FactGathererLocal, ShellMetacharactersInValuesAreNeverExecuted) {
  const auto marker = dir.path() / "pwned";
  const std::string hostile = "/nonexistent; touch " + marker.string() + " $(touch " + marker.string() + ") `touch " +
                              marker.string() + "` '\"\n";
  probes::FactRequest request;
  request.files = {{hostile, true}};
  request.sysctls = {"kernel.ostype"};
  const probes::Facts facts = gather_facts(transport, request, 30s);
  EXPECT_FALSE(std::filesystem::exists(marker));
  ASSERT_TRUE(facts.files.at(hostile).has_value()) << facts.files.at(hostile).error();
  EXPECT_FALSE(facts.files.at(hostile)->exists);
  EXPECT_EQ(facts.sysctls.at("kernel.ostype").value(), std::optional<std::string>("Linux"));
}

TEST_P(FactGathererLocal, CommandsRunInOneBatchWithSeparateStreams) {
  probes::FactRequest request;
  request.commands = {{"echo out; echo err >&2; exit 3", {10s}}, {"printf 'no newline'", {10s}}, {"sleep 5", {1s}}};
  const probes::Facts facts = gather_facts(transport, request, 30s);
  const auto& first = facts.commands.at("echo out; echo err >&2; exit 3");
  ASSERT_TRUE(first.has_value()) << first.error();
  EXPECT_EQ(first->exit_code, 3);
  EXPECT_EQ(first->out, "out\n");
  EXPECT_EQ(first->err, "err\n");
  EXPECT_EQ(facts.commands.at("printf 'no newline'")->out, "no newline");
  EXPECT_TRUE(facts.commands.at("sleep 5")->timed_out);
}

TEST_P(FactGathererLocal, SocketsAndPackagesOfThisMachineAreRead) {
  probes::FactRequest request;
  request.sockets = true;
  request.packages = true;
  const probes::Facts facts = gather_facts(transport, request, 60s);
  ASSERT_TRUE(facts.sockets->has_value()) << facts.sockets->error();
  ASSERT_TRUE(facts.packages->has_value()) << facts.packages->error();
  EXPECT_EQ((*facts.packages)->scheme, probes::VersionScheme::dpkg);
  EXPECT_GT((*facts.packages)->installed.size(), 50u);
}

TEST_P(FactGathererLocal, MissingSysctlIsAbsentNotAnError) {
  probes::FactRequest request;
  request.sysctls = {"kernel.hallmark_does_not_exist"};
  const probes::Facts facts = gather_facts(transport, request, 30s);
  const auto& value = facts.sysctls.at("kernel.hallmark_does_not_exist");
  ASSERT_TRUE(value.has_value()) << value.error();
  EXPECT_FALSE(value->has_value());
}

TEST_P(FactGathererLocal, NamesWithNewlinesSpacesAndQuotesAreExact) {
  const std::string odd = dir.write("a name\nwith 'quotes' and\ttabs", "x");
  const std::string plain = dir.write("plain", "yz");
  probes::FactRequest request;
  request.files = {{odd, true}, {plain, true}};
  const probes::Facts facts = gather_facts(transport, request, 30s);
  ASSERT_TRUE(facts.files.at(odd).has_value()) << facts.files.at(odd).error();
  EXPECT_EQ(facts.files.at(odd)->content, "x");
  EXPECT_EQ(facts.files.at(odd)->size, 1u);
  ASSERT_TRUE(facts.files.at(plain).has_value()) << facts.files.at(plain).error();
  EXPECT_EQ(facts.files.at(plain)->content, "yz");
}

// More paths than one `stat` process serves: every path keeps its own answer, in order.
TEST_P(FactGathererLocal, ManyPathsAreStatedInBatchesWithoutMixingThemUp) {
  probes::FactRequest request;
  for (int i = 0; i < 450; ++i) {
    const std::string path = dir.write(fmt::format("f{}", i), std::string(static_cast<std::size_t>(i), 'x'));
    if (i % 3 == 0) std::filesystem::remove(path);  // absent ones in between
    request.files[path] = false;
  }
  const probes::Facts facts = gather_facts(transport, request, 60s);
  for (int i = 0; i < 450; ++i) {
    const auto& file = facts.files.at((dir.path() / fmt::format("f{}", i)).string());
    ASSERT_TRUE(file.has_value()) << file.error();
    EXPECT_EQ(file->exists, i % 3 != 0) << i;
    if (file->exists) EXPECT_EQ(file->size, static_cast<std::uintmax_t>(i)) << i;
  }
}

// A 4 GiB sparse file: its size comes from stat, and only the cap (64 MiB) plus one byte is
// read, so the content is marked truncated instead of being judged on a prefix.
TEST_P(FactGathererLocal, SparseFileSizeComesFromStatAndItsContentIsCutAtTheCap) {
  const std::string sparse = (dir.path() / "sparse").string();
  std::filesystem::resize_file(dir.write("sparse", ""), 4ull << 30);
  probes::FactRequest request;
  request.files = {{sparse, true}};
  const probes::Facts facts = gather_facts(transport, request, 120s);
  const auto& file = facts.files.at(sparse);
  ASSERT_TRUE(file.has_value()) << file.error();
  EXPECT_EQ(file->size, 4ull << 30);
  EXPECT_TRUE(file->content_truncated);
  ASSERT_TRUE(file->content.has_value());
  EXPECT_EQ(file->content->size(), 64u << 20);
}

TEST_P(FactGathererLocal, SymlinkLoopIsALinkNotAnError) {
  const auto a = dir.path() / "loop-a";
  const auto b = dir.path() / "loop-b";
  std::filesystem::create_symlink(b, a);
  std::filesystem::create_symlink(a, b);
  probes::FactRequest request;
  request.files = {{a.string(), true}};
  const probes::Facts facts = gather_facts(transport, request, 30s);
  const auto& link = facts.files.at(a.string());
  ASSERT_TRUE(link.has_value()) << link.error();
  EXPECT_EQ(link->type, contracts::FileType::symlink);
  EXPECT_EQ(link->link_target, b.string());
  EXPECT_FALSE(link->content.has_value());
}

// As an unprivileged user: a file it may not read has no content (an error for a content
// check), which is not the same as an empty file; a sysctl it may not read is an error.
TEST_P(FactGathererLocal, UnreadableIsToldApartFromEmpty) {
  const std::string secret = dir.write("secret", "s3cret");
  chmod(secret.c_str(), 0);
  const std::string empty = dir.write("empty", "");
  chmod(empty.c_str(), 0644);
  transport.run_before_the_shell({"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
  probes::FactRequest request;
  request.files = {{secret, true}, {empty, true}};
  request.sysctls = {"kernel.cad_pid"};  // mode 0600
  const probes::Facts facts = gather_facts(transport, request, 30s);
  ASSERT_TRUE(facts.files.at(secret).has_value()) << facts.files.at(secret).error();
  EXPECT_EQ(facts.files.at(secret)->size, 6u);
  EXPECT_FALSE(facts.files.at(secret)->content.has_value());
  ASSERT_TRUE(facts.files.at(empty).has_value()) << facts.files.at(empty).error();
  EXPECT_EQ(facts.files.at(empty)->content, "");
  EXPECT_FALSE(facts.sysctls.at("kernel.cad_pid").has_value());
}

// An integer sysctl answers end-of-file to any read at a non-zero offset: a shell reading one
// byte at a time would see only its first digit.
TEST_P(FactGathererLocal, IntegerSysctlIsReadWhole) {
  const std::string expected = util::read_text_file("/proc/sys/kernel/pid_max").value_or("?");
  probes::FactRequest request;
  request.sysctls = {"kernel.pid_max"};
  const probes::Facts facts = gather_facts(transport, request, 30s);
  ASSERT_TRUE(facts.sysctls.at("kernel.pid_max").has_value()) << facts.sysctls.at("kernel.pid_max").error();
  EXPECT_EQ(facts.sysctls.at("kernel.pid_max").value(), std::optional<std::string>(expected.substr(0, expected.find('\n'))));
}

// Many keys at once (one `head` reads them all): each keeps its own value, whitespace inside it
// included, a missing one is absent, and one the kernel refuses to read (an unset IPv6
// stable_secret answers EIO) is an error, never an empty value.
TEST_P(FactGathererLocal, ManySysctlsAreReadTogetherEachWithItsOwnValue) {
  const std::vector<std::string> keys{"kernel.ostype", "kernel.osrelease", "kernel.pid_max", "net.ipv4.ip_local_port_range",
                                      "kernel.threads-max", "vm.overcommit_memory"};
  probes::FactRequest request;
  for (const std::string& key : keys) request.sysctls.insert(key);
  request.sysctls.insert("kernel.hallmark_does_not_exist");
  const std::string refused = "net.ipv6.conf.lo.stable_secret";
  request.sysctls.insert(refused);
  const probes::Facts facts = gather_facts(transport, request, 30s);
  for (const std::string& key : keys) {
    std::string expected = util::read_text_file(probes::sysctl_path(key)).value_or("?");
    expected.erase(expected.find_last_not_of('\n') + 1);
    ASSERT_TRUE(facts.sysctls.at(key).has_value()) << key << ": " << facts.sysctls.at(key).error();
    EXPECT_EQ(facts.sysctls.at(key).value(), std::optional<std::string>(expected)) << key;
  }
  ASSERT_TRUE(facts.sysctls.at("kernel.hallmark_does_not_exist").has_value());
  EXPECT_FALSE(facts.sysctls.at("kernel.hallmark_does_not_exist")->has_value());
  if (std::filesystem::exists(probes::sysctl_path(refused))) {
    EXPECT_FALSE(facts.sysctls.at(refused).has_value()) << facts.sysctls.at(refused).value().value_or("absent");
  }
}

// The ELF files directly in a directory, told by their first four bytes (one `head` for all):
// not a symlink, a script or a file too short to be one; names with a newline or that end
// like head's own header line are found too.
TEST_P(FactGathererLocal, BinaryDirectoryYieldsItsElfFilesOnly) {
  const auto bin = dir.path() / "bin";
  std::filesystem::create_directory(bin);
  for (const std::string name : {"true", "with\nnewline", "odd <=="}) std::filesystem::copy_file("/bin/true", bin / name);
  std::filesystem::create_symlink("/bin/true", bin / "link");
  dir.write("bin/script", "#!/bin/sh\n");
  dir.write("bin/short", "\x7f" "EL");
  dir.write("bin/newline-first", "\n" "ELF");
  probes::FactRequest request;
  request.binary_dirs = {bin.string(), (dir.path() / "missing").string()};
  const probes::Facts facts = gather_facts(transport, request, 30s);
  const auto& found = facts.binary_dirs.at(bin.string());
  ASSERT_TRUE(found.has_value()) << found.error();
  std::set<std::string> paths;
  for (const probes::BinaryFacts& binary : *found) {
    paths.insert(binary.path);
    EXPECT_TRUE(binary.elf.has_value()) << binary.path << ": " << binary.elf.error();
  }
  EXPECT_EQ(paths, (std::set<std::string>{(bin / "true").string(), (bin / "with\nnewline").string(), (bin / "odd <==").string()}));
  ASSERT_TRUE(facts.binary_dirs.at((dir.path() / "missing").string()).has_value());
  EXPECT_TRUE(facts.binary_dirs.at((dir.path() / "missing").string())->empty());
}

// A directory larger than one `head` takes (500 files): every ELF file in it is found and read.
TEST_P(FactGathererLocal, LargeBinaryDirectoryIsReadInRunsWithoutLosingAFile) {
  const auto bin = dir.path() / "many";
  std::filesystem::create_directory(bin);
  for (int i = 0; i < 1100; ++i) {
    if (i % 2 == 0) std::filesystem::copy_file("/bin/true", bin / fmt::format("elf{}", i));
    else dir.write(fmt::format("many/text{}", i), "plain");
  }
  probes::FactRequest request;
  request.binary_dirs = {bin.string()};
  const probes::Facts facts = gather_facts(transport, request, 120s);
  const auto& found = facts.binary_dirs.at(bin.string());
  ASSERT_TRUE(found.has_value()) << found.error();
  EXPECT_EQ(found->size(), 550u);
  for (const probes::BinaryFacts& binary : *found) {
    EXPECT_TRUE(binary.path.starts_with((bin / "elf").string())) << binary.path;
    EXPECT_TRUE(binary.elf.has_value()) << binary.path;
  }
}

// A file in a binary directory the target's user may not read leaves its needs unknown: the
// directory is an error, never a list without it.
TEST_P(FactGathererLocal, UnreadableFileInABinaryDirectoryIsAnError) {
  const auto bin = dir.path() / "locked";
  std::filesystem::create_directory(bin);
  std::filesystem::permissions(bin, std::filesystem::perms::owner_all | std::filesystem::perms::others_read |
                                        std::filesystem::perms::others_exec);
  std::filesystem::copy_file("/bin/true", bin / "readable");
  std::filesystem::copy_file("/bin/true", bin / "secret");
  chmod((bin / "secret").c_str(), 0700);
  transport.run_before_the_shell({"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
  probes::FactRequest request;
  request.binary_dirs = {bin.string()};
  const probes::Facts facts = gather_facts(transport, request, 30s);
  ASSERT_FALSE(facts.binary_dirs.at(bin.string()).has_value());
  EXPECT_NE(facts.binary_dirs.at(bin.string()).error().why.find("secret"), std::string::npos) << facts.binary_dirs.at(bin.string()).error();
}

// The timeout is decided by the watchdog, never by the exit status.
TEST_P(FactGathererLocal, ExitStatus124IsNotATimeoutAndARunPastItsTimeIs) {
  probes::FactRequest request;
  request.commands = {{"exit 124", {10s}}, {"exit 137", {10s}}, {"sleep 5; echo late", {1s}}};
  const probes::Facts facts = gather_facts(transport, request, 60s);
  ASSERT_TRUE(facts.commands.at("exit 124").has_value()) << facts.commands.at("exit 124").error();
  EXPECT_EQ(facts.commands.at("exit 124")->exit_code, 124);
  EXPECT_FALSE(facts.commands.at("exit 124")->timed_out);
  EXPECT_FALSE(facts.commands.at("exit 137")->timed_out);
  const auto& slow = facts.commands.at("sleep 5; echo late");
  ASSERT_TRUE(slow.has_value()) << slow.error();
  EXPECT_TRUE(slow->timed_out);
  EXPECT_EQ(slow->out, "");
}

// At its timeout a command is stopped with everything it started: a child it waits for does
// not live on.
TEST_P(FactGathererLocal, TimeoutStopsTheCommandAndWhatItStarted) {
  const std::string pid_file = (dir.path() / "child.pid").string();
  const std::string command = fmt::format("sleep 60 & echo $! >{}; wait", pid_file);
  probes::FactRequest request;
  request.commands = {{command, {1s}}};
  const probes::Facts facts = gather_facts(transport, request, 30s);
  ASSERT_TRUE(facts.commands.at(command).has_value()) << facts.commands.at(command).error();
  EXPECT_TRUE(facts.commands.at(command)->timed_out);
  const pid_t child = std::stoi(util::read_text_file(pid_file).value_or("0"));
  ASSERT_GT(child, 0);
  bool gone = false;
  for (int i = 0; i < 50 && !gone; ++i, std::this_thread::sleep_for(100ms)) gone = kill(child, 0) != 0 || is_zombie(child);
  EXPECT_TRUE(gone) << "sleep " << child << " outlived its command's timeout";
}

// A command that ignores TERM is killed 5 s after its timeout, and the others keep their results.
TEST_P(FactGathererLocal, CommandThatIgnoresTermIsKilled) {
  const std::string stubborn = "trap '' TERM; sleep 60";
  probes::FactRequest request;
  request.commands = {{stubborn, {1s}}, {"echo fine", {30s}}};
  const auto start = std::chrono::steady_clock::now();
  const probes::Facts facts = gather_facts(transport, request, 30s);
  ASSERT_TRUE(facts.commands.at(stubborn).has_value()) << facts.commands.at(stubborn).error();
  EXPECT_TRUE(facts.commands.at(stubborn)->timed_out);
  EXPECT_EQ(facts.commands.at(stubborn)->exit_code, 128 + SIGKILL);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 20s);
  EXPECT_EQ(facts.commands.at("echo fine")->out, "fine\n");
}

// `exit` and `exec` in a command end its own process, not the script: the status is exact.
TEST_P(FactGathererLocal, ExitAndExecInACommandGiveItsOwnStatus) {
  probes::FactRequest request;
  request.commands = {{"echo a; exit 7", {10s}}, {"exec sh -c 'echo b; exit 9'", {10s}}, {"echo c", {10s}}};
  const probes::Facts facts = gather_facts(transport, request, 30s);
  ASSERT_TRUE(facts.commands.at("echo a; exit 7").has_value()) << facts.commands.at("echo a; exit 7").error();
  EXPECT_EQ(facts.commands.at("echo a; exit 7")->exit_code, 7);
  EXPECT_EQ(facts.commands.at("echo a; exit 7")->out, "a\n");
  EXPECT_EQ(facts.commands.at("exec sh -c 'echo b; exit 9'")->exit_code, 9);
  EXPECT_EQ(facts.commands.at("exec sh -c 'echo b; exit 9'")->out, "b\n");
  EXPECT_EQ(facts.commands.at("echo c")->out, "c\n");
}

// Hundreds of commands through a small pool: each keeps its own streams and status.
TEST_P(FactGathererLocal, ManyCommandsEachKeepTheirOwnStreamsAndStatus) {
  probes::FactRequest request;
  for (int i = 0; i < 300; ++i) request.commands[fmt::format("echo out{0}; echo err{0} >&2; exit {1}", i, i % 7)] = {30s};
  const probes::Facts facts = gather_facts(transport, request, 60s, 4);
  for (int i = 0; i < 300; ++i) {
    const auto& run = facts.commands.at(fmt::format("echo out{0}; echo err{0} >&2; exit {1}", i, i % 7));
    ASSERT_TRUE(run.has_value()) << run.error();
    EXPECT_EQ(run->out, fmt::format("out{}\n", i));
    EXPECT_EQ(run->err, fmt::format("err{}\n", i));
    EXPECT_EQ(run->exit_code, i % 7);
  }
}

// A command leaves a process behind that goes on writing to its output (here without a pause,
// so the streams cannot be read while they hold still): the other commands' output stays
// exact, and this one's is what was written by the time it was read.
TEST_P(FactGathererLocal, ProcessLeftWritingToItsOutputSpoilsNoOtherCommand) {
  const std::string pid_file = (dir.path() / "writer.pid").string();
  const std::string writer =
      fmt::format("(i=0; while [ $i -lt 2000000 ]; do echo x; i=$((i+1)); done) & echo $! >{}; echo first", pid_file);
  probes::FactRequest request;
  request.commands = {{writer, {30s}}, {"sleep 0.3; echo other", {30s}}, {"printf 'no newline'", {30s}}};
  const probes::Facts facts = gather_facts(transport, request, 60s);
  kill(std::stoi(util::read_text_file(pid_file).value_or("0")), SIGKILL);
  const auto& left = facts.commands.at(writer);
  ASSERT_TRUE(left.has_value()) << left.error();
  EXPECT_NE(left->out.find("first\n"), std::string::npos);
  EXPECT_EQ(left->out.find_first_not_of("firstx\n"), std::string::npos);
  EXPECT_EQ(facts.commands.at("sleep 0.3; echo other")->out, "other\n");
  EXPECT_EQ(facts.commands.at("printf 'no newline'")->out, "no newline");
}

// A stream over the cap (1 MiB) is cut there, and the other streams stay exact: whether the
// streams travel together (1.5 MB in all) or, past 32 MiB in all, one by one.
TEST_P(FactGathererLocal, StreamOverTheCapIsCutAndTheOthersStayExact) {
  for (const int size : {1500000, 34000000}) {
    const std::string big = fmt::format("head -c {} /dev/zero; echo warn >&2", size);
    probes::FactRequest request;
    request.commands = {{big, {30s}}, {"echo small", {30s}}};
    const probes::Facts facts = gather_facts(transport, request, 60s);
    ASSERT_TRUE(facts.commands.at(big).has_value()) << facts.commands.at(big).error();
    EXPECT_EQ(facts.commands.at(big)->out, std::string(1u << 20, '\0')) << size;
    EXPECT_EQ(facts.commands.at(big)->err, "warn\n") << size;
    EXPECT_EQ(facts.commands.at("echo small")->out, "small\n") << size;
  }
}

// hallmark's own tools run with LC_ALL=C; a contract's command runs with the caller's locale.
TEST_P(FactGathererLocal, CommandsRunInTheImagesLocaleNotInHallmarks) {
  const std::string show = "printf '%s' \"${LC_ALL-unset}\"";
  probes::FactRequest request;
  request.commands = {{show, {10s}}};
  transport.run_before_the_shell({"/usr/bin/env", "LC_ALL=C.UTF-8"});
  EXPECT_EQ(gather_facts(transport, request, 30s).commands.at(show)->out, "C.UTF-8");
  transport.run_before_the_shell({"/usr/bin/env", "-u", "LC_ALL"});
  EXPECT_EQ(gather_facts(transport, request, 30s).commands.at(show)->out, "unset");
}

// Each command marks that it started, then waits (up to 10 s) until all four have: only
// commands that really run side by side all see four marks.
TEST_P(FactGathererLocal, CommandsRunSideBySide) {
  const std::string marks = (dir.path() / "marks").string();
  std::filesystem::create_directory(marks);
  probes::FactRequest request;
  for (int i = 0; i < 4; ++i) {
    request.commands[fmt::format("touch {0}/{1}; i=0; while [ $(ls {0} | wc -l) -lt 4 ] && [ $i -lt 100 ]; do sleep 0.1; "
                                 "i=$((i+1)); done; ls {0} | wc -l",
                                 marks, i)] = {30s};
  }
  const probes::Facts facts = gather_facts(transport, request, 60s);
  for (const auto& [command, run] : facts.commands) {
    ASSERT_TRUE(run.has_value()) << run.error();
    EXPECT_EQ(run->out.substr(run->out.find_first_not_of(' ')), "4\n") << "the commands did not overlap";
  }
}

// A command with parallel = false runs alone: no other command is running meanwhile, and the
// pool (here 2) never runs more than its size.
TEST_P(FactGathererLocal, CommandThatMustNotOverlapRunsAloneAndThePoolKeepsItsSize) {
  const std::string running = (dir.path() / "running").string();
  const std::string most = (dir.path() / "most").string();
  std::filesystem::create_directory(running);
  probes::FactRequest request;
  for (int i = 0; i < 6; ++i) {
    request.commands[fmt::format("touch {0}/{1}; ls {0} | wc -l >>{2}; sleep 0.3; rm {0}/{1}", running, i, most)] = {30s};
  }
  const std::string alone = fmt::format("ls {} | wc -l", running);
  request.commands[alone] = {30s, false};
  const probes::Facts facts = gather_facts(transport, request, 60s, 2);
  ASSERT_TRUE(facts.commands.at(alone).has_value()) << facts.commands.at(alone).error();
  EXPECT_EQ(facts.commands.at(alone)->out.substr(facts.commands.at(alone)->out.find_first_not_of(' ')), "0\n");
  std::istringstream counts(util::read_text_file(most).value_or(""));
  int seen = 0;
  for (int count = 0; counts >> count; ++seen) EXPECT_LE(count, 2);
  EXPECT_EQ(seen, 6);
}

TEST(FactGatherer, DeadTargetTurnsEveryFactIntoAnError) {
  FakeDeadTransport transport;
  probes::FactRequest request;
  request.packages = true;
  request.sockets = true;
  request.files = {{"/etc/passwd", false}};
  request.sysctls = {"kernel.ostype"};
  request.commands = {{"true", {5s}}};
  const probes::Facts facts = gather_facts(transport, request, 5s);
  EXPECT_EQ(facts.packages->error(), "container hallmark-x is not running");
  EXPECT_FALSE(facts.sockets->has_value());
  EXPECT_FALSE(facts.files.at("/etc/passwd").has_value());
  EXPECT_FALSE(facts.sysctls.at("kernel.ostype").has_value());
  EXPECT_FALSE(facts.commands.at("true").has_value());
}

}  // namespace
}  // namespace hallmark::runner::gather
