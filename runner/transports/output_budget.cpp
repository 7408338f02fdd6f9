#include "runner/transports/output_budget.hpp"

#include <atomic>

#include <fmt/format.h>

namespace hallmark::runner::transports {

namespace {

std::atomic<std::size_t> g_in_flight{0};

}  // namespace

OutputBudget::~OutputBudget() { g_in_flight -= held_; }

bool OutputBudget::take(std::size_t bytes) {
  if (held_ + bytes > k_round_trip_limit) return false;
  if (g_in_flight.fetch_add(bytes) + bytes > k_in_flight_limit) {
    g_in_flight -= bytes;
    in_flight_full_ = true;
    return false;
  }
  held_ += bytes;
  return true;
}

std::string OutputBudget::exceeded() const {
  if (in_flight_full_) {
    return fmt::format("the target sent more than {} MiB of output to the round trips in flight together "
                       "({} MiB to this one); hallmark stopped it",
                       k_in_flight_limit >> 20, held_ >> 20);
  }
  return fmt::format("the target sent more than {} MiB of output in one round trip; hallmark stopped it",
                     k_round_trip_limit >> 20);
}

}  // namespace hallmark::runner::transports
