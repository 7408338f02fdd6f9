#include "probes/waiver_gate.hpp"

#include <gtest/gtest.h>

namespace hallmark::probes {
namespace {

using namespace std::chrono;

const contracts::Waiver k_waiver{"package.openssl", "RHBZ#2200", "fixed build ships in 12.6", year{2026} / December / 31, {}};

TEST(WaiverGate, FailureUnderALiveWaiverIsSkippedWithItsReason) {
  const Outcome outcome = apply_waiver(Outcome::fail("openssl >= 3.0.11", "openssl 3.0.9"), &k_waiver, year{2026} / December / 30);
  EXPECT_EQ(outcome.verdict, Verdict::skipped);
  EXPECT_EQ(outcome.actual, "waived until 2026-12-31 (RHBZ#2200: fixed build ships in 12.6); actual: openssl 3.0.9");
}

TEST(WaiverGate, OnTheExpiryDateTheFailureBlocksAgain) {
  const Outcome outcome = apply_waiver(Outcome::fail("openssl >= 3.0.11", "openssl 3.0.9"), &k_waiver, year{2026} / December / 31);
  EXPECT_EQ(outcome.verdict, Verdict::fail);
  EXPECT_EQ(outcome.actual, "openssl 3.0.9 (waiver RHBZ#2200 expired on 2026-12-31)");
}

TEST(WaiverGate, PassesAndErrorsAreNotTouched) {
  EXPECT_EQ(apply_waiver(Outcome::pass("x", "x"), &k_waiver, year{2026} / January / 1).verdict, Verdict::pass);
  EXPECT_EQ(apply_waiver(Outcome::error("x", "lost"), &k_waiver, year{2026} / January / 1).verdict, Verdict::error);
}

TEST(WaiverGate, LifecycleEndsAfterSupportUntil) {
  contracts::Contract contract;
  contract.name = "base";
  contract.version = "1.0.0";
  contract.support_until = year{2027} / June / 30;
  EXPECT_EQ(evaluate_lifecycle(contract, year{2027} / June / 30).verdict, Verdict::pass);
  const Outcome ended = evaluate_lifecycle(contract, year{2027} / July / 1);
  EXPECT_EQ(ended.verdict, Verdict::fail);
  EXPECT_EQ(ended.actual, "today is 2027-07-01: the contract's service life ended on 2027-06-30");
}

}  // namespace
}  // namespace hallmark::probes
