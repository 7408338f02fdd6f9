#include "util/text_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "support/temp_dir.hpp"

namespace hallmark::util {
namespace {

TEST(ReadTextFile, ReturnsEveryByte) {
  testing::TempDir dir;
  const std::string bytes("a\0b\r\n\xff", 6);
  EXPECT_EQ(read_text_file(dir.write("bytes", bytes)), bytes);
}

TEST(ReadTextFile, MissingFileIsNothing) {
  testing::TempDir dir;
  EXPECT_EQ(read_text_file((dir.path() / "missing").string()), std::nullopt);
}

// A directory opens but fails to read (EISDIR), as a /proc/PID file of a process that just ended
// fails with ESRCH: a read error is nothing, never an empty or partial content and never a throw.
TEST(ReadTextFile, FileThatOpensButCannotBeReadIsNothing) {
  testing::TempDir dir;
  EXPECT_EQ(read_text_file(dir.path().string()), std::nullopt);
}

TEST(ReadTextFile, EndlessSourceStopsAtTheLimit) {
  EXPECT_EQ(read_text_file("/dev/zero", 1 << 20), std::nullopt);
  testing::TempDir dir;
  EXPECT_EQ(read_text_file(dir.write("four", "1234"), 4), "1234");
}

TEST(ReadRegularFile, ReturnsAFileWithinTheLimit) {
  testing::TempDir dir;
  EXPECT_EQ(read_regular_file(dir.write("small", "12345"), 5), "12345");
}

TEST(ReadRegularFile, RefusesWhatIsNotARegularFileWithoutBlocking) {
  testing::TempDir dir;
  const std::string fifo = (dir.path() / "fifo").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(read_regular_file(fifo, 100), std::unexpected<std::string>("is not a regular file"));
  EXPECT_EQ(read_regular_file(dir.path().string(), 100), std::unexpected<std::string>("is not a regular file"));
  EXPECT_EQ(read_regular_file("/dev/zero", 100), std::unexpected<std::string>("is not a regular file"));
}

TEST(ReadRegularFile, RefusesAFileOverTheLimitAndSaysWhy) {
  testing::TempDir dir;
  EXPECT_EQ(read_regular_file(dir.write("big", "123456"), 5), std::unexpected<std::string>("is larger than 5 bytes"));
  EXPECT_EQ(read_regular_file((dir.path() / "missing").string(), 5),
            std::unexpected<std::string>("cannot be read: No such file or directory"));
}

}  // namespace
}  // namespace hallmark::util
