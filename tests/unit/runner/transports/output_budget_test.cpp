#include <gtest/gtest.h>

#include <sys/resource.h>

#include "runner/transports/local_transport.hpp"
#include "runner/transports/output_budget.hpp"

namespace hallmark::runner::transports {
namespace {

using namespace std::chrono_literals;
constexpr std::size_t k_mib = std::size_t{1} << 20;

TEST(OutputBudget, OneRoundTripMayHoldUpToItsLimitAndNotOneByteMore) {
  OutputBudget budget;
  EXPECT_TRUE(budget.take(OutputBudget::k_round_trip_limit - 1));
  EXPECT_TRUE(budget.take(1));
  EXPECT_FALSE(budget.take(1));
  EXPECT_EQ(budget.exceeded(), "the target sent more than 128 MiB of output in one round trip; hallmark stopped it");
}

TEST(OutputBudget, RoundTripsInFlightShareOneLimitAndGiveTheirBytesBackWhenDone) {
  auto first = std::make_unique<OutputBudget>();
  ASSERT_TRUE(first->take(100 * k_mib));
  OutputBudget second;
  EXPECT_FALSE(second.take(100 * k_mib));
  EXPECT_EQ(second.exceeded(), "the target sent more than 192 MiB of output to the round trips in flight together "
                               "(0 MiB to this one); hallmark stopped it");
  first.reset();
  OutputBudget third;
  EXPECT_TRUE(third.take(100 * k_mib));
}

long peak_resident_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST(OutputBudget, EndlessLocalWriterIsStoppedWithTheReasonAndBoundedMemory) {
  LocalTransport local;
  const auto result = local.exec({"yes", "hallmark endless output"}, {}, 60s);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error(), "the target sent more than 128 MiB of output in one round trip; hallmark stopped it");
  EXPECT_LT(peak_resident_kib(), 400 * 1024);
}

}  // namespace
}  // namespace hallmark::runner::transports
