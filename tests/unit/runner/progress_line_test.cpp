#include "runner/progress_line.hpp"

#include <gtest/gtest.h>
#include <sstream>

namespace hallmark::runner {
namespace {

TEST(ProgressLine, PlainOutputIsOneLinePerStepForLogs) {
  std::ostringstream out;
  {
    ProgressLine progress(out, false);
    progress.step("opening local");
    progress.step("gathering facts");
  }
  EXPECT_EQ(out.str(), "hallmark: opening local\nhallmark: gathering facts\n");
}

TEST(ProgressLine, LiveOutputRewritesOneLineAndClearsIt) {
  std::ostringstream out;
  {
    ProgressLine progress(out, true);
    progress.step("gathering facts");
  }
  const std::string text = out.str();
  EXPECT_TRUE(text.starts_with("\r\033[Khallmark: gathering facts (0.")) << text;
  EXPECT_TRUE(text.ends_with("\r\033[K")) << text;
  EXPECT_EQ(text.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace hallmark::runner
