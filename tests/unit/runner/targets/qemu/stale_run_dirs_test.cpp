#include "runner/targets/qemu/stale_run_dirs.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include <fmt/format.h>

#include "support/temp_dir.hpp"

namespace hallmark::runner::targets::qemu {
namespace {

namespace fs = std::filesystem;

// The PID of a child that has exited and been reaped: a process that no longer runs.
pid_t gone_pid() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  return child;
}

TEST(StaleRunDirs, ADirectoryIsNamedAfterItsOwnerAndRecordsItsStartTime) {
  const testing::TempDir tmp;
  const auto dir = make_owned_run_dir(tmp.path());
  ASSERT_TRUE(dir.has_value()) << dir.error();
  EXPECT_TRUE(dir->filename().string().starts_with(fmt::format("hallmark-qemu-{}-", getpid()))) << *dir;
  std::ifstream owner(*dir / "owner");
  std::string line;
  std::getline(owner, line);
  EXPECT_EQ(line, fmt::format("{} {}", getpid(), process_start_time(getpid())));
  EXPECT_FALSE(process_start_time(getpid()).empty());
}

TEST(StaleRunDirs, DirectoriesOfGoneOwnersAreRemovedThoseOfLiveOnesKept) {
  const testing::TempDir tmp;
  const auto mine = make_owned_run_dir(tmp.path());
  ASSERT_TRUE(mine.has_value());
  const pid_t gone = gone_pid();
  const fs::path stale = tmp.path() / fmt::format("hallmark-qemu-{}-abcdef", gone);
  fs::create_directory(stale);
  std::ofstream(stale / "owner") << gone << " 12345\n";
  std::ofstream(stale / "id_ed25519") << "private key\n";
  const fs::path no_owner_file = tmp.path() / fmt::format("hallmark-qemu-{}-ghijkl", gone);
  fs::create_directory(no_owner_file);
  const fs::path other = tmp.path() / "hallmark-qemu-x";
  fs::create_directory(other);

  const auto removed = reap_stale_run_dirs(tmp.path());
  EXPECT_EQ(removed.size(), 2u);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_FALSE(fs::exists(no_owner_file));
  EXPECT_TRUE(fs::exists(*mine));
  EXPECT_TRUE(fs::exists(other)) << "not a run directory";
}

TEST(StaleRunDirs, APidTakenByAnotherProcessDoesNotKeepADirectory) {
  const testing::TempDir tmp;
  const fs::path reused = tmp.path() / fmt::format("hallmark-qemu-{}-abcdef", getpid());
  fs::create_directory(reused);
  std::ofstream(reused / "owner") << getpid() << " 1\n";  // this PID, but started at another time
  EXPECT_EQ(reap_stale_run_dirs(tmp.path()).size(), 1u);
  EXPECT_FALSE(fs::exists(reused));
}

}  // namespace
}  // namespace hallmark::runner::targets::qemu
