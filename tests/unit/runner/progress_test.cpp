#include "runner/progress.hpp"

#include <gtest/gtest.h>
#include <sstream>

#include "support/text_assertions.hpp"

namespace hallmark::runner {
namespace {

TEST(Progress, PlainOutputIsOneLinePerStepForLogs) {
  std::ostringstream out;
  {
    Progress progress(out, false, {"local"});
    progress.step(0, "opening local");
    progress.step(0, "gathering facts");
  }
  EXPECT_EQ(out.str(), "hallmark: opening local\nhallmark: gathering facts\n");
}

TEST(Progress, LiveOutputRewritesOneLineAndClearsIt) {
  std::ostringstream out;
  {
    Progress progress(out, true, {"local"});
    progress.step(0, "gathering facts");
  }
  const std::string text = out.str();
  EXPECT_TRUE(text.starts_with("\r\033[Khallmark: gathering facts (0.")) << text;
  EXPECT_TRUE(text.ends_with("\r\033[K")) << text;
  EXPECT_EQ(text.find('\n'), std::string::npos);
}

TEST(Progress, PlainLinesOfSeveralTargetsNameTheirTarget) {
  std::ostringstream out;
  {
    Progress progress(out, false, {"docker-image:a", "docker-image:b"});
    progress.step(1, "opening docker-image:b");
    progress.step(0, "opening docker-image:a");
  }
  EXPECT_EQ(out.str(), "hallmark: [docker-image:b] opening docker-image:b\nhallmark: [docker-image:a] opening docker-image:a\n");
}

TEST(Progress, LiveRowsOfSeveralTargetsAreRewrittenInPlace) {
  std::ostringstream out;
  {
    Progress progress(out, true, {"a", "b"});
    progress.step(0, "opening a");
    progress.step(1, "opening b");
  }
  const std::string text = out.str();
  // First draw: two rows; the second draw goes back up one row before rewriting both.
  EXPECT_TRUE(text.starts_with("\r\033[Khallmark: [a] opening a (0.")) << text;
  EXPECT_TRUE(testing::contains(text, "\n\r\033[Khallmark: [b] waiting\033[1A\r\033[Khallmark: [a] opening a"));
  EXPECT_TRUE(testing::contains(text, "\r\033[Khallmark: [b] opening b (0."));
  EXPECT_TRUE(text.ends_with("\033[1A\r\033[K\n\r\033[K\033[1A")) << text;
}

}  // namespace
}  // namespace hallmark::runner
