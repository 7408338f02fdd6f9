#include "reports/terminal_text.hpp"

#include <gtest/gtest.h>

namespace hallmark::reports {
namespace {

TEST(TerminalText, EscapeSequencesAndNewlinesBecomeVisible) {
  EXPECT_EQ(terminal_safe("\x1b[2J\x1b]0;owned\x07pkg\r\nPASS x\tdel\x7f"),
            "\\x1b[2J\\x1b]0;owned\\x07pkg\\x0d\\x0aPASS x\\x09del\\x7f");
}

TEST(TerminalText, C1ControlsInUtf8AreEscapedOtherUtf8IsKept) {
  EXPECT_EQ(terminal_safe("\xc2\x9b" "31m caf\xc3\xa9 \xc2\xa0"), "\\xc2\\x9b31m caf\xc3\xa9 \xc2\xa0");
}

TEST(TerminalText, PlainTextAndBackslashesAreUntouched) {
  EXPECT_EQ(terminal_safe("openssl 3.0.11-1~deb12u2 C:\\x"), "openssl 3.0.11-1~deb12u2 C:\\x");
  EXPECT_EQ(terminal_safe(std::string_view("a\0b", 3)), "a\\x00b");
}

}  // namespace
}  // namespace hallmark::reports
