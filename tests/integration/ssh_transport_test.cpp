#include "runner/transports/ssh_transport.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "tests/support/hallmark_cli.hpp"
#include "tests/support/sshd_fixture.hpp"
#include "tests/support/text_assertions.hpp"

namespace hallmark::runner::transports {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using hallmark::testing::Sshd;

using hallmark::testing::contains;
using hallmark::testing::read_file;

void write_bytes(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// Every byte value, NULs included, in varying order, `size` bytes long.
std::string binary_content(std::size_t size) {
  std::string bytes(size, '\0');
  std::mt19937 random(42);
  for (std::size_t i = 0; i < size; ++i) {
    bytes[i] = static_cast<char>(i < 256 ? i : random() % 256);
  }
  return bytes;
}

std::unique_ptr<SshTransport> connect_or_throw(const SshEndpoint& endpoint, const SshOptions& options) {
  auto transport = connect_ssh(endpoint, options);
  if (!transport) throw std::runtime_error(transport.error());
  return std::move(*transport);
}

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

class SshTransportTest : public ::testing::Test {
 protected:
  Sshd sshd_;
  std::unique_ptr<SshTransport> transport_ = connect_or_throw(sshd_.endpoint(), sshd_.keys().client_options());
};

TEST_F(SshTransportTest, ShellMetacharactersInArgumentsArriveAsData) {
  const std::string pwned = fmt::format("/tmp/hallmark-ssh-pwned-{}", getpid());
  const std::vector<std::string> values{"; touch " + pwned, "$(touch " + pwned + ")", "`touch " + pwned + "`",
                                        "it's \"quoted\"", "line1\nline2", "", "*", "$HOME", "a\\b"};
  std::vector<std::string> argv{"/bin/sh", "-c", "printf '%s\\0' \"$@\"", "hallmark"};
  argv.insert(argv.end(), values.begin(), values.end());
  std::string expected;
  for (const std::string& value : values) expected += value + '\0';

  const auto result = transport_->exec(argv, {}, 10s);

  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->out, expected);
  EXPECT_EQ(result->exit_code, 0);
  EXPECT_FALSE(fs::exists(pwned));
}

TEST_F(SshTransportTest, ArgumentsOfAProgramRunWithoutAShellAreNotReparsed) {
  const auto result = transport_->exec({"printf", "%s|", "; id", "$(id)", "x y"}, {}, 10s);
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->out, "; id|$(id)|x y|");
}

TEST_F(SshTransportTest, InputIsStreamedToTheCommandByteForByte) {
  // Bigger than every SSH window on the way: the transport must read while it writes.
  const std::string input = binary_content(5 * 1024 * 1024 + 7);
  const auto result = transport_->exec({"cat"}, input, 60s);
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->out.size(), input.size());
  EXPECT_TRUE(result->out == input);
}

TEST_F(SshTransportTest, InputIgnoredByTheCommandDoesNotFailTheCall) {
  const auto result = transport_->exec({"true"}, binary_content(3 * 1024 * 1024), 30s);
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->exit_code, 0);
}

TEST_F(SshTransportTest, ExitCodeStdoutAndStderrAreReportedApart) {
  const auto result = transport_->exec({"/bin/sh", "-c", "echo out; echo err >&2; exit 42"}, {}, 10s);
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->exit_code, 42);
  EXPECT_EQ(result->out, "out\n");
  EXPECT_EQ(result->err, "err\n");
}

TEST_F(SshTransportTest, MissingProgramIsAResultWithExitCode127) {
  const auto result = transport_->exec({"hallmark-no-such-program"}, {}, 10s);
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->exit_code, 127);
}

TEST_F(SshTransportTest, TimeoutFailsTheCallAndLeavesTheSessionUsable) {
  const auto start = Clock::now();
  const auto slow = transport_->exec({"sleep", "20"}, {}, 500ms);
  ASSERT_FALSE(slow.has_value());
  EXPECT_TRUE(contains(slow.error(), "`sleep` did not finish within 500 ms on root@127.0.0.1:"));
  EXPECT_LT(milliseconds_since(start), 3000);

  const auto next = transport_->exec({"echo", "still here"}, {}, 10s);
  ASSERT_TRUE(next.has_value()) << next.error();
  EXPECT_EQ(next->out, "still here\n");
}

// Past 15 s of silence a waiting call sends a keepalive; the session must stay sound.
TEST_F(SshTransportTest, CommandSilentForLongerThanTheKeepaliveIntervalCompletes) {
  const auto result = transport_->exec({"/bin/sh", "-c", "sleep 17; echo done"}, {}, 60s);
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->out, "done\n");
  const auto next = transport_->exec({"echo", "again"}, {}, 10s);
  ASSERT_TRUE(next.has_value()) << next.error();
  EXPECT_EQ(next->out, "again\n");
}

TEST_F(SshTransportTest, ArgumentWithANulByteIsRefused) {
  const auto result = transport_->exec({"echo", std::string("a\0b", 3)}, {}, 10s);
  ASSERT_FALSE(result.has_value());
  EXPECT_TRUE(contains(result.error(), "NUL byte"));
}

// Each command marks that it started, then waits (up to 10 s) until all four have: only calls
// that really run side by side on the one session all see four marks.
TEST_F(SshTransportTest, FourThreadsOnOneSessionRunTogether) {
  const std::string marks = sshd_.keys().dir() + "/marks";
  fs::create_directory(marks);
  const std::string script =
      "touch \"$2/$1\"; i=0; while [ \"$(ls \"$2\" | wc -l)\" -lt 4 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; "
      "printf '%s saw %s' \"$1\" \"$(ls \"$2\" | wc -l)\"";
  std::vector<std::future<Execution>> runs;
  for (int i = 0; i < 4; ++i) {
    runs.push_back(std::async(std::launch::async, [&, i] {
      return transport_->exec({"/bin/sh", "-c", script, "sh", fmt::format("thread-{}", i), marks}, {}, 30s);
    }));
  }
  for (int i = 0; i < 4; ++i) {
    const auto result = runs[i].get();
    ASSERT_TRUE(result.has_value()) << result.error();
    EXPECT_EQ(result->out, fmt::format("thread-{} saw 4", i)) << "the four commands did not overlap";
  }
}

TEST_F(SshTransportTest, ParallelCallsWithLargeOutputsKeepTheirStreamsApart) {
  std::vector<std::future<Execution>> runs;
  for (int i = 0; i < 4; ++i) {
    runs.push_back(std::async(std::launch::async, [&, i] {
      const std::string letter(1, static_cast<char>('a' + i));
      return transport_->exec({"/bin/sh", "-c", "head -c 2000000 /dev/zero | tr '\\0' \"$1\"; printf %s \"$1\" >&2",
                               "sh", letter},
                              {}, 60s);
    }));
  }
  for (int i = 0; i < 4; ++i) {
    const auto result = runs[i].get();
    ASSERT_TRUE(result.has_value()) << result.error();
    const char letter = static_cast<char>('a' + i);
    EXPECT_EQ(result->out.size(), 2000000u);
    EXPECT_EQ(std::ranges::count(result->out, letter), 2000000);
    EXPECT_EQ(result->err, std::string(1, letter));
  }
}

TEST_F(SshTransportTest, DescribeNamesUserHostAndPort) {
  EXPECT_EQ(transport_->describe(), fmt::format("ssh root@127.0.0.1:{}", sshd_.port()));
}

TEST_F(SshTransportTest, ConnectionIsReportedHealthyWhileConnected) {
  EXPECT_EQ(transport_->connection_problem(), std::nullopt);
}

TEST_F(SshTransportTest, DroppedConnectionFailsTheRunningCallAndLaterCallsFast) {
  const std::string started = sshd_.keys().dir() + "/started";
  auto running = std::async(std::launch::async, [&] {
    return transport_->exec({"/bin/sh", "-c", "touch \"$1\"; sleep 30", "sh", started}, {}, 60s);
  });
  for (int i = 0; i < 500 && !fs::exists(started); ++i) std::this_thread::sleep_for(10ms);
  ASSERT_TRUE(fs::exists(started));

  sshd_.kill_sessions();

  ASSERT_EQ(running.wait_for(10s), std::future_status::ready);
  const auto dropped = running.get();
  ASSERT_FALSE(dropped.has_value()) << "a dropped connection must never look like a result";
  const std::string lost = fmt::format("connection to root@127.0.0.1:{} lost: ", sshd_.port());
  EXPECT_TRUE(contains(dropped.error(), lost));

  const auto start = Clock::now();
  const auto later = transport_->exec({"true"}, {}, 10s);
  ASSERT_FALSE(later.has_value());
  EXPECT_TRUE(contains(later.error(), lost));
  EXPECT_LT(milliseconds_since(start), 100);
  ASSERT_TRUE(transport_->connection_problem().has_value());
  EXPECT_TRUE(contains(*transport_->connection_problem(), lost));
}

TEST_F(SshTransportTest, ServerGoneWhileIdleIsSeenAsAConnectionProblem) {
  sshd_.stop();
  std::optional<std::string> problem;
  for (int i = 0; i < 100 && !problem; ++i) {  // the kernel sees the close a moment later
    problem = transport_->connection_problem();
    if (!problem) std::this_thread::sleep_for(10ms);
  }
  ASSERT_TRUE(problem.has_value());
  EXPECT_TRUE(contains(*problem, fmt::format("connection to root@127.0.0.1:{} lost", sshd_.port())));
}

// What one exec costs on an open session (median of 50), and four parallel execs against
// four serial ones, printed for the record.
struct ExecCosts {
  double median = 0, fastest = 0, slowest = 0;
  double quick_serial = 0, quick_parallel = 0, sleep_serial = 0, sleep_parallel = 0;
};

ExecCosts measure_exec_costs(SshTransport& transport) {
  ExecCosts costs;
  std::vector<double> singles;
  for (int i = 0; i < 50; ++i) {
    const auto start = Clock::now();
    EXPECT_TRUE(transport.exec({"true"}, {}, 10s).has_value());
    singles.push_back(milliseconds_since(start));
  }
  std::ranges::sort(singles);
  costs.median = (singles[24] + singles[25]) / 2;
  costs.fastest = singles.front();
  costs.slowest = singles.back();
  const auto four = [&](bool parallel, const std::vector<std::string>& argv) {
    const auto start = Clock::now();
    std::vector<std::future<bool>> runs;
    for (int i = 0; i < 4; ++i) {
      runs.push_back(std::async(parallel ? std::launch::async : std::launch::deferred,
                                [&] { return transport.exec(argv, {}, 30s).has_value(); }));
      if (!parallel) EXPECT_TRUE(runs.back().get());
    }
    if (parallel) {
      for (auto& run : runs) EXPECT_TRUE(run.get());
    }
    return milliseconds_since(start);
  };
  costs.quick_serial = four(false, {"true"});
  costs.quick_parallel = four(true, {"true"});
  costs.sleep_serial = four(false, {"sleep", "0.2"});
  costs.sleep_parallel = four(true, {"sleep", "0.2"});
  return costs;
}

std::string describe_costs(std::string_view who, const ExecCosts& costs) {
  return fmt::format(
      "{}: one exec median {:.2f} ms of 50 (fastest {:.2f}, slowest {:.2f}); "
      "4 x `true` serial {:.1f} ms, parallel {:.1f} ms; 4 x `sleep 0.2` serial {:.1f} ms, parallel {:.1f} ms\n",
      who, costs.median, costs.fastest, costs.slowest, costs.quick_serial, costs.quick_parallel, costs.sleep_serial,
      costs.sleep_parallel);
}

// Measured twice: as root, whose login shell here may be bash with a slow ~/.bashrc (sshd has
// bash source it), and as an account whose shell is /bin/sh, which shows the transport's cost.
TEST_F(SshTransportTest, CostOfExecsIsMeasured) {
  const hallmark::testing::TemporaryUser user;
  const auto as_user = connect_or_throw(sshd_.endpoint(user.name()), sshd_.keys().client_options());
  const ExecCosts root = measure_exec_costs(*transport_);
  const ExecCosts plain = measure_exec_costs(*as_user);
  std::cout << describe_costs("as root", root) << describe_costs("as a /bin/sh user", plain);
  RecordProperty("exec_median_ms_sh_user", fmt::format("{:.2f}", plain.median));
  EXPECT_LT(plain.sleep_parallel, plain.sleep_serial);
}

TEST(SshHostKey, UnknownHostIsRefusedWithItsFingerprintAndTheLineToAdd) {
  Sshd sshd;
  SshOptions options = sshd.keys().client_options();
  options.accept_new_host_key = false;

  const auto refused = connect_ssh(sshd.endpoint(), options);

  ASSERT_FALSE(refused.has_value());
  const std::string key = sshd.host_public_key();
  const std::string blob = key.substr(0, key.rfind(' '));  // "ssh-ed25519 AAAA..."
  const std::string fingerprint = hallmark::testing::run_checked({"ssh-keygen", "-l", "-E", "sha256", "-f",
                                                                  sshd.keys().dir() + "/host_ed25519.pub"});
  EXPECT_TRUE(contains(refused.error(), fingerprint.substr(fingerprint.find("SHA256:"), 50)));
  EXPECT_TRUE(contains(refused.error(), fmt::format("[127.0.0.1]:{} {}", sshd.port(), blob)));
  EXPECT_TRUE(contains(refused.error(), "--accept-new-host-key"));
  EXPECT_FALSE(fs::exists(options.known_hosts.value()));
}

TEST(SshHostKey, AcceptNewRecordsTheKeyAndTheNextConnectionSucceedsWithoutIt) {
  Sshd sshd;
  SshOptions options = sshd.keys().client_options();
  ASSERT_TRUE(connect_ssh(sshd.endpoint(), options).has_value());
  const std::string key = sshd.host_public_key();
  EXPECT_TRUE(contains(read_file(*options.known_hosts), key.substr(key.find(' ') + 1, 40)));

  options.accept_new_host_key = false;
  const auto again = connect_ssh(sshd.endpoint(), options);
  ASSERT_TRUE(again.has_value()) << again.error();
  const auto result = (*again)->exec({"echo", "ok"}, {}, 10s);
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->out, "ok\n");
}

TEST(SshHostKey, ChangedHostKeyIsRefusedEvenWithAcceptNew) {
  Sshd sshd;
  const SshOptions options = sshd.keys().client_options();
  ASSERT_TRUE(connect_ssh(sshd.endpoint(), options).has_value());
  const std::string recorded = read_file(*options.known_hosts);

  sshd.restart_with_new_host_key();
  const auto refused = connect_ssh(sshd.endpoint(), options);

  ASSERT_FALSE(refused.has_value());
  EXPECT_TRUE(contains(refused.error(), fmt::format("THE HOST KEY OF root@127.0.0.1:{} HAS CHANGED", sshd.port())));
  EXPECT_TRUE(contains(refused.error(), fmt::format("ssh-keygen -R '[127.0.0.1]:{}'", sshd.port())));
  EXPECT_EQ(read_file(*options.known_hosts), recorded) << "a changed key must not be recorded";
}

TEST(SshAuthentication, KeyTheServerDoesNotKnowIsRefusedByName) {
  Sshd sshd;
  SshOptions options = sshd.keys().client_options();
  const std::string stranger = sshd.keys().dir() + "/stranger";
  hallmark::testing::run_checked({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger});
  options.identity = stranger;

  const auto refused = connect_ssh(sshd.endpoint(), options);

  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error(),
            fmt::format("authentication as root@127.0.0.1 failed: the server refused the key {}", stranger));
}

TEST(SshAuthentication, PortWithoutAServerFailsNamingTheEndpoint) {
  hallmark::testing::SshTestKeys keys;
  const int port = hallmark::testing::free_loopback_port();
  const auto refused = connect_ssh({"root", "127.0.0.1", port}, keys.client_options());
  ASSERT_FALSE(refused.has_value());
  EXPECT_TRUE(contains(refused.error(), fmt::format("cannot connect to root@127.0.0.1:{}: ", port)));
}

TEST(SshSudo, RefusalForAUserWithoutSudoRightsIsAnErrorNamingSudo) {
  Sshd sshd;
  const hallmark::testing::TemporaryUser user;
  SshOptions options = sshd.keys().client_options();
  const auto plain = connect_or_throw(sshd.endpoint(user.name()), options);
  const auto whoami = plain->exec({"id", "-un"}, {}, 10s);
  ASSERT_TRUE(whoami.has_value()) << whoami.error();
  EXPECT_EQ(whoami->out, user.name() + "\n");

  options.sudo = true;
  const auto with_sudo = connect_or_throw(sshd.endpoint(user.name()), options);
  const auto refused = with_sudo->exec({"id", "-u"}, {}, 10s);

  ASSERT_FALSE(refused.has_value()) << "exit " << refused->exit_code << ": " << refused->err;
  EXPECT_TRUE(refused.error().why.starts_with("sudo refused: ")) << refused.error();
  EXPECT_EQ(refused.error().kind, hallmark::probes::ErrorKind::deterministic);  // a retry is refused the same way
}

TEST(SshSudo, RootRunsCommandsThroughSudo) {
  ASSERT_TRUE(fs::exists("/usr/bin/sudo")) << "sudo is not installed (.ci/setup installs it)";
  Sshd sshd;
  SshOptions options = sshd.keys().client_options();
  options.sudo = true;
  const auto transport = connect_or_throw(sshd.endpoint(), options);
  const auto result = transport->exec({"/bin/sh", "-c", "id -u; exit 3"}, {}, 10s);
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->out, "0\n");
  EXPECT_EQ(result->exit_code, 3);
}

}  // namespace
}  // namespace hallmark::runner::transports
