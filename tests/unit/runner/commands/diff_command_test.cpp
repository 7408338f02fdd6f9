#include "runner/commands/diff_command.hpp"

#include <sstream>

#include <gtest/gtest.h>

#include "probes/gate.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::runner::commands {
namespace {

TEST(DiffCommand, SnapshotWithANumberOutOfRangeIsAUsageErrorNamingTheFile) {
  // {"format": 1e400} threw out_of_range: exit 3 from the catch-all instead of 2 naming the file.
  testing::TempDir dir;
  const std::string snapshot = dir.write("huge.snapshot.json", R"({"format": 1e400})");
  std::ostringstream out, err;
  EXPECT_EQ(diff_snapshot_files(snapshot, snapshot, DiffFormat::text, out, err), probes::k_exit_usage);
  EXPECT_EQ(err.str(), "hallmark: error: " + snapshot +
                           " is not a hallmark snapshot: not JSON: number overflow parsing '1e400'\n");
}

}  // namespace
}  // namespace hallmark::runner::commands
