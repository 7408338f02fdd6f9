#include <gtest/gtest.h>

#include <fstream>

#include "runner/transports/local_transport.hpp"
#include "runner/transports/output_budget.hpp"

namespace hallmark::runner::transports {
namespace {

using namespace std::chrono_literals;
constexpr std::size_t k_mib = std::size_t{1} << 20;

TEST(OutputBudget, OneRoundTripMayReceiveUpToItsLimitAndNotOneByteMore) {
  OutputBudget budget;
  std::string out, err;
  const std::string mib(k_mib, 'x');
  for (std::size_t i = 0; i < 64; ++i) ASSERT_TRUE(budget.append(out, mib) && budget.append(err, mib)) << i;
  EXPECT_FALSE(budget.append(err, "x"));
  EXPECT_EQ(out.size() + err.size(), OutputBudget::k_round_trip_limit);
  EXPECT_EQ(budget.exceeded(), "the target sent more than 128 MiB of output in one round trip; hallmark stopped it");
}

TEST(OutputBudget, RoundTripsInFlightShareOneLimitCountedByCapacityAndGiveItBackWhenDone) {
  const std::string chunk(100 * k_mib, 'x');
  auto first = std::make_unique<OutputBudget>();
  std::string first_out;
  ASSERT_TRUE(first->append(first_out, chunk));
  OutputBudget second;
  std::string second_out;
  ASSERT_TRUE(second.append(second_out, chunk));
  // 200 MiB held; the next 100 MiB buffer would pass 256 MiB.
  OutputBudget third;
  std::string third_out;
  EXPECT_FALSE(third.append(third_out, chunk));
  EXPECT_EQ(third_out, "");
  EXPECT_EQ(third.exceeded(), "the target sent more than the 256 MiB of output that all round trips in flight may hold "
                              "together (0 MiB to this one); hallmark stopped it");
  first.reset();
  EXPECT_TRUE(third.append(third_out, chunk));
}

// This process's peak resident set (VmHWM) in KiB since reset_peak_resident().
long peak_resident_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmHWM:")) return std::stol(line.substr(6));
  }
  return -1;
}

void reset_peak_resident() { std::ofstream("/proc/self/clear_refs") << "5"; }

TEST(OutputBudget, EndlessLocalWriterIsStoppedWithTheReasonAndBoundedMemory) {
  reset_peak_resident();
  LocalTransport local;
  const auto result = local.exec({"yes", "hallmark endless output"}, {}, 60s);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error(), "the target sent more than 128 MiB of output in one round trip; hallmark stopped it");
  EXPECT_LT(peak_resident_kib(), 400 * 1024);
}

// The shell is killed at the budget, but `yes` and `cat` still hold the pipes: closing the
// pipe that overflowed ends them (EPIPE), so the round trip ends too.
TEST(OutputBudget, EndlessGrandchildWriterIsStoppedToo) {
  LocalTransport local;
  const auto result = local.exec({"/bin/sh", "-c", "yes | cat"}, {}, 60s);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error(), "the target sent more than 128 MiB of output in one round trip; hallmark stopped it");
}

}  // namespace
}  // namespace hallmark::runner::transports
