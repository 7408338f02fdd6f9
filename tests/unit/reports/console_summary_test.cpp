#include "reports/console_summary.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace hallmark::reports {
namespace {

TEST(ConsoleSummary, TargetTextIsPrintedOnOneLineWithoutEscapeSequences) {
  SuiteResult suite;
  suite.contract_name = "base";
  suite.contract_version = "1.0.0";
  suite.provenance.target = "docker-image:x";
  suite.target_problem = "sh: \x1b[31mred";
  probes::ClauseResult result;
  result.clause.id = "package.\x1b[1A";
  result.clause.place = {"c.toml", 3, 1};
  result.outcome = probes::Outcome::fail("installed", "version 1\n  PASS package.fake");
  suite.clauses.push_back(result);
  RunResult run;
  run.suites.push_back(suite);
  std::ostringstream out;
  print_summary(out, run);
  const std::string text = out.str();
  EXPECT_NE(text.find("  target trouble: sh: \\x1b[31mred\n"), std::string::npos) << text;
  EXPECT_NE(text.find(" package.\\x1b[1A  (c.toml:3:1)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("        actual:   version 1\\x0a  PASS package.fake\n"), std::string::npos) << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
}

}  // namespace
}  // namespace hallmark::reports
