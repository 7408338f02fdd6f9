#include "probes/command_probe.hpp"

#include <gtest/gtest.h>

namespace hallmark::probes {
namespace {

Facts with_run(const std::string& command, Fact<CommandRun> run) {
  Facts facts;
  facts.commands.emplace(command, std::move(run));
  return facts;
}

TEST(CommandProbe, ExitCodeAndOutputMatchPasses) {
  contracts::CommandSpec spec{.run = "locale -a", .stdout_contains = {"C.utf8"}};
  EXPECT_EQ(evaluate(spec, with_run("locale -a", CommandRun{0, false, "C\nC.utf8\nPOSIX\n", ""})).verdict, Verdict::pass);
}

TEST(CommandProbe, FailureListsProblemsAndKeepsOutputAsEvidence) {
  contracts::CommandSpec spec{.run = "locale -a", .stdout_contains = {"C.utf8"}, .stderr_contains = {"warn"}};
  const Outcome outcome = evaluate(spec, with_run("locale -a", CommandRun{2, false, "POSIX\n", "boom\n"}));
  EXPECT_EQ(outcome.verdict, Verdict::fail);
  EXPECT_EQ(outcome.actual, "exit 2; stdout does not contain \"C.utf8\"; stderr does not contain \"warn\"");
  EXPECT_NE(outcome.evidence.find("POSIX"), std::string::npos);
  EXPECT_NE(outcome.evidence.find("boom"), std::string::npos);
}

TEST(CommandProbe, ExpectedNonZeroExitCodeIsHonoured) {
  contracts::CommandSpec spec{.run = "false", .exit_code = 1};
  EXPECT_EQ(evaluate(spec, with_run("false", CommandRun{1, false, "", ""})).verdict, Verdict::pass);
}

TEST(CommandProbe, TimeoutIsReportedAsSuch) {
  contracts::CommandSpec spec{.run = "sleep 100", .timeout = std::chrono::seconds{3}};
  EXPECT_EQ(evaluate(spec, with_run("sleep 100", CommandRun{124, true, "", ""})).actual, "timed out after 3 s");
}

TEST(CommandProbe, CommandThatNeverRanIsAnError) {
  contracts::CommandSpec spec{.run = "true"};
  EXPECT_EQ(evaluate(spec, with_run("true", std::unexpected("the target stopped"))).verdict, Verdict::error);
}

TEST(CommandProbe, PlanDeduplicatesAndKeepsTheLongestTimeout) {
  FactRequest request;
  plan(contracts::CommandSpec{.run = "x", .timeout = std::chrono::seconds{5}}, request);
  plan(contracts::CommandSpec{.run = "x", .timeout = std::chrono::seconds{50}}, request);
  EXPECT_EQ(request.commands.size(), 1u);
  EXPECT_EQ(request.commands.at("x").timeout, std::chrono::seconds{50});
  EXPECT_TRUE(request.commands.at("x").parallel);
}

TEST(CommandProbe, OneClauseThatMustNotOverlapMakesTheSharedCommandRunAlone) {
  FactRequest request;
  plan(contracts::CommandSpec{.run = "x"}, request);
  plan(contracts::CommandSpec{.run = "x", .parallel = false}, request);
  plan(contracts::CommandSpec{.run = "x"}, request);
  EXPECT_FALSE(request.commands.at("x").parallel);
}

}  // namespace
}  // namespace hallmark::probes
