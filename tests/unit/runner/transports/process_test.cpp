#include "runner/transports/process.hpp"

#include <gtest/gtest.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>

#include <fmt/format.h>

namespace hallmark::runner::transports {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(RunProcess, BackgroundGrandchildHoldingStdoutDoesNotHoldTheCall) {
  const auto start = Clock::now();
  const auto result = run_process({"sh", "-c", "sleep 30 & echo hi"}, {}, 60s);
  const auto took = Clock::now() - start;
  ASSERT_TRUE(result) << result.error();
  EXPECT_EQ(result->out, "hi\n");
  EXPECT_EQ(result->exit_code, 0);
  EXPECT_FALSE(result->timed_out);
  EXPECT_LT(took, 10s);
}

// A descriptor the caller holds without close-on-exec (as another thread's pipe for its own
// child is, for a moment) never reaches the child: only 0, 1 and 2 do.
TEST(RunProcess, ChildInheritsNoDescriptorButItsStandardStreams) {
  int held[2];
  ASSERT_EQ(::pipe(held), 0);
  const std::string probe = fmt::format("for fd in {} {}; do [ -e /proc/$$/fd/$fd ] && echo \"$fd leaked\"; done; true",
                                        held[0], held[1]);
  const auto result = run_process({"sh", "-c", probe}, {}, 30s);
  ::close(held[0]);
  ::close(held[1]);
  ASSERT_TRUE(result) << result.error();
  EXPECT_EQ(result->out, "");
}

// hallmark blocks SIGINT/SIGTERM/SIGHUP for its signal thread and ignores SIGPIPE; a child
// starts with no signal blocked or ignored, so a TERM stops it and a closed pipe ends it.
TEST(RunProcess, ChildStartsWithTheDefaultSignalState) {
  sigset_t term;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  sigset_t before;
  pthread_sigmask(SIG_BLOCK, &term, &before);
  const auto result = run_process({"sh", "-c", "grep -E '^Sig(Blk|Ign)' /proc/$$/status"}, "x", 30s);
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
  ASSERT_TRUE(result) << result.error();
  EXPECT_EQ(result->out, "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");
}

TEST(RunProcess, GrandchildHoldingStderrAndStdinDoesNotHoldTheCall) {
  const auto start = Clock::now();
  // The grandchild keeps all three pipes, and the child never reads the input it was given.
  const auto result = run_process({"sh", "-c", "sleep 30 <&0 & echo oops >&2; exit 4"}, std::string(1 << 20, 'x'), 60s);
  ASSERT_TRUE(result) << result.error();
  EXPECT_EQ(result->err, "oops\n");
  EXPECT_EQ(result->exit_code, 4);
  EXPECT_LT(Clock::now() - start, 10s);
}

TEST(RunProcess, DeadlineStillHoldsAfterTheChildExits) {
  // The child is gone at once; a grandchild writes for longer than the timeout but within
  // the drain, and the call still ends by the timeout.
  const auto start = Clock::now();
  const auto result = run_process({"sh", "-c", "(while :; do echo tick; sleep 0.1; done) &"}, {}, 500ms);
  ASSERT_TRUE(result) << result.error();
  EXPECT_LT(Clock::now() - start, 1500ms);
  EXPECT_TRUE(result->timed_out);
}

TEST(RunProcess, OutputWrittenAfterTheChildExitsButBeforeTheDrainEndsIsKept) {
  const auto result = run_process({"sh", "-c", "(sleep 0.3; echo late) &"}, {}, 60s);
  ASSERT_TRUE(result) << result.error();
  EXPECT_EQ(result->out, "late\n");
}

TEST(RunProcess, SlowChildIsKilledAtItsDeadline) {
  const auto start = Clock::now();
  const auto result = run_process({"sleep", "30"}, {}, 300ms);
  ASSERT_TRUE(result) << result.error();
  EXPECT_TRUE(result->timed_out);
  EXPECT_LT(Clock::now() - start, 5s);
}

TEST(RunProcess, MissingProgramIsAnError) {
  const auto result = run_process({"hallmark-no-such-program"}, {}, 5s);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), "'hallmark-no-such-program' is not installed (not found in PATH)");
}

}  // namespace
}  // namespace hallmark::runner::transports
