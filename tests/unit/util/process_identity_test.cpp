#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include "util/process_identity.hpp"

namespace hallmark::util {
namespace {

TEST(ProcessIdentity, StartTimeIsCountedAfterTheLastParenthesisOfTheCommandName) {
  const std::string stat = "4242 (a) (b c) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 50";
  EXPECT_EQ(start_ticks_from_stat(stat), 987654u);
  EXPECT_EQ(start_ticks_from_stat("4242 (sh) S 1 2 3"), std::nullopt);
  EXPECT_EQ(start_ticks_from_stat("no parenthesis at all"), std::nullopt);
}

TEST(ProcessIdentity, ThisProcessIsRunningAndADeadOrReusedPidIsNot) {
  const ProcessIdentity& self = this_process();
  EXPECT_EQ(self.pid, getpid());
  EXPECT_GT(self.start_ticks, 0u);
  EXPECT_EQ(self.boot_id.size(), 36u);
  EXPECT_TRUE(is_running(self));

  ProcessIdentity reused = self;
  reused.start_ticks += 1;  // the same pid, started at another time: someone else
  EXPECT_FALSE(is_running(reused));
  ProcessIdentity other_boot = self;
  other_boot.boot_id = "00000000-0000-0000-0000-000000000000";
  EXPECT_FALSE(is_running(other_boot));

  const pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  EXPECT_FALSE(is_running({child, self.start_ticks, self.boot_id}));
}

}  // namespace
}  // namespace hallmark::util
