#include <gtest/gtest.h>

#include <filesystem>

#include "support/temp_dir.hpp"
#include "util/atomic_file.hpp"

namespace hallmark::util {
namespace {

TEST(AtomicFile, WritesAtomicallyAndReportsUnwritablePaths) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "report.xml").string();
  ASSERT_TRUE(write_file_atomically(path, "<testsuites/>").has_value());
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);  // no temporary left
  const auto failed = write_file_atomically("/nonexistent-dir/report.xml", "<testsuites/>");
  ASSERT_FALSE(failed.has_value());
  EXPECT_TRUE(failed.error().starts_with("cannot write /nonexistent-dir/report.xml.tmp.")) << failed.error();
}

}  // namespace
}  // namespace hallmark::util
