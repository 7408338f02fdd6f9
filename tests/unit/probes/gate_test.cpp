// The exit code a pipeline acts on, and its precedence when several apply.
#include "probes/gate.hpp"

#include <gtest/gtest.h>

namespace hallmark::probes {
namespace {

ClauseResult result(Outcome outcome, contracts::Severity severity = contracts::Severity::blocking) {
  contracts::Clause clause;
  clause.id = "c";
  clause.severity = severity;
  return {clause, std::move(outcome), std::nullopt};
}

int gate(std::vector<ClauseResult> results, bool target_trouble = false) { return gate_exit_code(count(results), target_trouble); }

const Outcome k_pass = Outcome::pass("x", "x");
const Outcome k_violation = Outcome::fail("x", "y");
const Outcome k_retryable = Outcome::error("x", "docker exec timed out");
const Outcome k_deterministic = Outcome::error("x", "rpm -qa exited 1", ErrorKind::deterministic);
const Outcome k_internal = Outcome::error("x", "hallmark failed: boom", ErrorKind::internal);

TEST(Gate, EachCauseHasItsCode) {
  EXPECT_EQ(gate({result(k_pass)}), k_exit_ok);
  EXPECT_EQ(gate({result(k_violation)}), k_exit_violated);
  EXPECT_EQ(gate({result(k_retryable)}), k_exit_target);
  EXPECT_EQ(gate({result(k_pass)}, true), k_exit_target);
  EXPECT_EQ(gate({result(k_deterministic)}), k_exit_deterministic);
  EXPECT_EQ(gate({result(k_internal)}), k_exit_internal);
  EXPECT_EQ(k_exit_deterministic, 4);
  EXPECT_EQ(k_exit_internal, 70);
}

TEST(Gate, AViolationFoundIsFinal) {
  EXPECT_EQ(gate({result(k_violation), result(k_retryable), result(k_deterministic), result(k_internal)}, true), k_exit_violated);
}

TEST(Gate, HallmarkFailingWinsOverEveryOtherError) {
  EXPECT_EQ(gate({result(k_internal), result(k_deterministic), result(k_retryable)}), k_exit_internal);
}

TEST(Gate, ADeterministicErrorWinsOverInfrastructureSinceNoRetryCanMakeTheRunGreen) {
  EXPECT_EQ(gate({result(k_retryable), result(k_deterministic)}, true), k_exit_deterministic);
}

TEST(Gate, AWarningViolationDoesNotBlock) {
  EXPECT_EQ(gate({result(k_violation, contracts::Severity::warning)}), k_exit_ok);
}

}  // namespace
}  // namespace hallmark::probes
