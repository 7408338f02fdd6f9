#include "util/sha256.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace hallmark::util {
namespace {

TEST(Sha256, FileDigestEqualsTheDigestOfItsBytesAcrossReadPieces) {
  const testing::TempDir dir;
  std::string bytes(3 * (1 << 20) + 17, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 31);
  EXPECT_EQ(sha256_file_hex(dir.write("disk.raw", bytes)), sha256_hex(bytes));
  EXPECT_EQ(sha256_file_hex(dir.write("empty", "")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, MissingFileIsNamed) { EXPECT_EQ(sha256_file_hex("/nonexistent/disk").error(), "cannot open /nonexistent/disk"); }

}  // namespace
}  // namespace hallmark::util
