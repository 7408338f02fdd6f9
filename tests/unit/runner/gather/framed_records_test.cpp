#include "runner/gather/framed_records.hpp"

#include <gtest/gtest.h>

namespace hallmark::runner::gather {
namespace {

TEST(FramedRecords, ValuesMayHoldNewlinesAndNulBytes) {
  const std::string value("a\nb\0c", 5);
  const auto records = parse_records("@hallmark x 5\n" + value + "\n@hallmark y 0\n\n@hallmark end 0\n\n");
  ASSERT_TRUE(records.has_value()) << records.error();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].field, "x");
  EXPECT_EQ((*records)[0].value, value);
  EXPECT_EQ((*records)[1].value, "");
}

TEST(FramedRecords, MissingEndMeansTheTargetStoppedAnswering) {
  EXPECT_EQ(parse_records("@hallmark x 1\na\n").error(), "the target stopped answering before it finished");
  EXPECT_EQ(parse_records("").error(), "the target stopped answering before it finished");
}

TEST(FramedRecords, TruncatedValueIsDetected) {
  EXPECT_EQ(parse_records("@hallmark x 10\nabc").error(), "the target's output ended in the middle of a record");
}

TEST(FramedRecords, LargestLengthIsTruncationNotAWrap) {
  // 2^64 - 1: `length + 1` wrapped to 0, and the record swallowed the rest of the stream.
  EXPECT_EQ(parse_records("@hallmark x 18446744073709551615\nabc\n@hallmark end 0\n\n").error(),
            "the target's output ended in the middle of a record");
}

TEST(FramedRecords, ForeignOutputIsRejected) {
  EXPECT_EQ(parse_records("sh: 1: stat: not found\n").error(), "unexpected output from the target: \"sh: 1: stat: not found\"");
}

}  // namespace
}  // namespace hallmark::runner::gather
