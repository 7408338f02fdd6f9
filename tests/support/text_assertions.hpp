#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace hallmark::testing {

// EXPECT_TRUE(contains(out, "x")) prints the whole text when the part is missing.
inline ::testing::AssertionResult contains(const std::string& text, std::string_view part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << part << "\" is not in:\n" << text;
}

}  // namespace hallmark::testing
