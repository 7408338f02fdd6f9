#include "runner/completion.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include <CLI/CLI.hpp>

#include "runner/transports/process.hpp"
#include "support/hallmark_cli.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::runner {
namespace {

using testing::TempDir;

// Sources `script` in a fresh bash, sets COMP_WORDS to `words` with the cursor on the last one,
// calls the completion function as bash would, and returns COMPREPLY, sorted. Files are
// completed relative to `directory`.
std::vector<std::string> complete(const std::string& script, const std::string& function, const std::string& directory,
                                  const std::vector<std::string>& words) {
  std::vector<std::string> argv{"bash", "--norc", "--noprofile", "-c",
                                "cd \"$1\" && source \"$2\" && f=$3 && shift 3 && COMP_WORDS=(\"$@\") && "
                                "COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) && \"$f\" && printf '%s\\n' \"${COMPREPLY[@]}\"",
                                "bash", directory, script, function};
  argv.insert(argv.end(), words.begin(), words.end());
  const auto result = transports::run_process(argv, "", std::chrono::seconds{30});
  EXPECT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->exit_code, 0) << result->err;
  std::vector<std::string> reply;
  std::istringstream lines(result->out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) reply.push_back(line);
  }
  std::sort(reply.begin(), reply.end());
  return reply;
}

using Words = std::vector<std::string>;

// hallmark's own tree, through `hallmark completion bash`, as a user's shell gets it.
class HallmarkCompletion : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto printed = testing::run_hallmark({"completion", "bash"});
    ASSERT_EQ(printed.exit_code, 0) << printed.err;
    script_ = dir_.write("hallmark.bash", printed.out);
    dir_.write("base.toml", "");
    dir_.write("report.xml", "");
  }
  Words complete(const Words& words) const { return runner::complete(script_, "_hallmark_complete", dir_.path(), words); }

  TempDir dir_;
  std::string script_;
};

TEST_F(HallmarkCompletion, FirstWordOffersEverySubcommandAndTheTopLevelFlags) {
  EXPECT_EQ(complete({"hallmark", ""}),
            (Words{"--help", "--version", "-h", "add", "check", "completion", "diff", "notes", "run",
                   "snapshot", "verify-attestation"}));
  EXPECT_EQ(complete({"hallmark", "sn"}), Words{"snapshot"});
}

TEST_F(HallmarkCompletion, OptionsAreThoseOfTheSubcommandNamed) {
  EXPECT_EQ(complete({"hallmark", "run", "--j"}), (Words{"--json", "--junit"}));
  EXPECT_EQ(complete({"hallmark", "check", "--"}), (Words{"--expiring-within", "--help"}));
}

TEST_F(HallmarkCompletion, NestedSubcommandsAndTheirOptions) {
  EXPECT_EQ(complete({"hallmark", "add", "r"}), Words{"regression"});
  EXPECT_EQ(complete({"hallmark", "add", "regression", "--expect-"}), (Words{"--expect-exit", "--expect-stdout"}));
  EXPECT_EQ(complete({"hallmark", "completion", ""}), (Words{"--help", "-h", "bash"}));
}

TEST_F(HallmarkCompletion, AnOptionsValueIsAFileName) {
  EXPECT_EQ(complete({"hallmark", "run", "--junit", "rep"}), Words{"report.xml"});
  EXPECT_EQ(complete({"hallmark", "run", "-t", "ba"}), Words{"base.toml"});
}

TEST_F(HallmarkCompletion, PositionalArgumentsAreFileNames) {
  EXPECT_EQ(complete({"hallmark", "check", "ba"}), Words{"base.toml"});
  // add regression takes no positionals: only its options are offered.
  EXPECT_EQ(complete({"hallmark", "add", "regression", "ba"}), Words{});
}

// The generator walks any CLI11 tree, not a list of hallmark's commands.
TEST(BashCompletion, WalksTheTreeItIsGiven) {
  CLI::App app{"a tool", "tool"};
  std::string value;
  bool flag = false;
  app.add_subcommand("alpha", "first")->add_option("--beta", value, "takes a value");
  app.get_subcommand("alpha")->add_flag("-g,--gamma", flag, "a flag");
  app.get_subcommand("alpha")->add_subcommand("delta", "nested");
  TempDir dir;
  const std::string script = dir.write("tool.bash", bash_completion(app));
  EXPECT_EQ(complete(script, "_tool_complete", dir.path(), {"tool", ""}), (Words{"--help", "-h", "alpha"}));
  EXPECT_EQ(complete(script, "_tool_complete", dir.path(), {"tool", "alpha", ""}),
            (Words{"--beta", "--gamma", "--help", "-g", "-h", "delta"}));
  EXPECT_EQ(complete(script, "_tool_complete", dir.path(), {"tool", "alpha", "--beta", "tool"}), Words{"tool.bash"});
  EXPECT_EQ(complete(script, "_tool_complete", dir.path(), {"tool", "alpha", "delta", "--"}), Words{"--help"});
}

TEST(BashCompletion, AnOptionsValueIsNotMistakenForASubcommand) {
  CLI::App app{"a tool", "tool"};
  std::string value;
  app.add_option("--beta", value, "takes a value");
  app.add_subcommand("delta", "a subcommand");
  TempDir dir;
  const std::string script = dir.write("tool.bash", bash_completion(app));
  // "delta" after --beta is its value: the top level's words follow, not delta's.
  EXPECT_EQ(complete(script, "_tool_complete", dir.path(), {"tool", "--beta", "delta", ""}),
            (Words{"--beta", "--help", "-h", "delta"}));
  EXPECT_EQ(complete(script, "_tool_complete", dir.path(), {"tool", "delta", ""}), (Words{"--help", "-h"}));
}

}  // namespace
}  // namespace hallmark::runner
