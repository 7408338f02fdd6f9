#include "util/text.hpp"

#include <gtest/gtest.h>

namespace hallmark::util {
namespace {

TEST(Text, SplitKeepsEmptyFields) {
  EXPECT_EQ(split("a:b:", ':'), (std::vector<std::string_view>{"a", "b", ""}));
}

TEST(Text, WithoutTrailingDropsOnlyTheRunAtTheEnd) {
  EXPECT_EQ(without_trailing("no key\n \n", "\n "), "no key");
  EXPECT_EQ(without_trailing(" a\r\n b\r\n", "\r\n"), " a\r\n b");
  EXPECT_EQ(without_trailing("\n\n", "\n"), "");
  EXPECT_EQ(without_trailing("", "\n"), "");
}

}  // namespace
}  // namespace hallmark::util
