#include "runner/transports/shell_quote.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include <fmt/format.h>

#include "runner/transports/process.hpp"

namespace hallmark::runner::transports {
namespace {

TEST(ShellQuote, WrapsEveryWordInSingleQuotes) {
  EXPECT_EQ(shell_quote({"ls", "-l", "/tmp"}), "'ls' '-l' '/tmp'");
}

TEST(ShellQuote, SingleQuoteIsClosedEscapedAndReopened) {
  EXPECT_EQ(shell_quote({"it's"}), R"('it'\''s')");
  EXPECT_EQ(shell_quote({"'"}), R"(''\''')");
}

TEST(ShellQuote, EmptyWordStaysAWord) { EXPECT_EQ(shell_quote({"printf", ""}), "'printf' ''"); }

TEST(ShellQuote, NoWordsMakeAnEmptyLine) { EXPECT_EQ(shell_quote({}), ""); }

TEST(ShellQuote, MetacharactersAndNewlinesStayInsideTheQuotes) {
  EXPECT_EQ(shell_quote({"; touch /tmp/x", "$(id)", "`id`", "a\nb", "*", "\\", "\"", "$HOME"}),
            "'; touch /tmp/x' '$(id)' '`id`' 'a\nb' '*' '\\' '\"' '$HOME'");
}

// The remote side of an SSH exec hands the line to the login shell; a POSIX shell must split
// it back into exactly the words given, running nothing.
TEST(ShellQuote, PosixShellSplitsTheLineBackIntoTheSameWords) {
  const std::string pwned = fmt::format("/tmp/hallmark-shell-quote-pwned-{}", getpid());
  const std::vector<std::string> words{"; touch " + pwned, "$(touch " + pwned + ")", "`touch " + pwned + "`",
                                       "it's \"quoted\"", "line1\nline2", "", "'", "''", "\\'", "$HOME", "a b\tc",
                                       "!", "~", "#", "*", "\x01\x7f\xff"};
  std::string expected;
  for (const std::string& word : words) expected += word + '\0';
  for (const std::string shell : {"/bin/sh", "/bin/bash"}) {
    if (!std::filesystem::exists(shell)) continue;
    const auto result =
        run_process({shell, "-c", "eval \"set -- $1\"; printf '%s\\0' \"$@\"", "sh", shell_quote(words)}, {},
                    std::chrono::seconds{10});
    ASSERT_TRUE(result.has_value()) << result.error();
    EXPECT_EQ(result->exit_code, 0) << result->err;
    EXPECT_EQ(result->out, expected) << shell;
  }
  EXPECT_FALSE(std::filesystem::exists(pwned));
}

}  // namespace
}  // namespace hallmark::runner::transports
