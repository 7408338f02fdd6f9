#include "runner/transports/output_budget.hpp"

#include <algorithm>
#include <atomic>

#include <fmt/format.h>

namespace hallmark::runner::transports {

namespace {

std::atomic<std::size_t> g_in_flight{0};

}  // namespace

OutputBudget::~OutputBudget() { g_in_flight -= held_; }

bool OutputBudget::append(std::string& sink, std::string_view bytes) {
  if (received_ + bytes.size() > k_round_trip_limit) return false;
  if (sink.size() + bytes.size() > sink.capacity()) {
    const std::size_t grown = std::max(sink.capacity() * 2, sink.size() + bytes.size());
    const std::size_t more = grown - sink.capacity();
    if (g_in_flight.fetch_add(more) + more > k_in_flight_limit) {
      g_in_flight -= more;
      in_flight_full_ = true;
      return false;
    }
    held_ += more;
    sink.reserve(grown);
  }
  sink.append(bytes);
  received_ += bytes.size();
  return true;
}

std::string OutputBudget::exceeded() const {
  if (in_flight_full_) {
    return fmt::format("the target sent more than the {} MiB of output that all round trips in flight may hold together "
                       "({} MiB to this one); hallmark stopped it",
                       k_in_flight_limit >> 20, received_ >> 20);
  }
  return fmt::format("the target sent more than {} MiB of output in one round trip; hallmark stopped it",
                     k_round_trip_limit >> 20);
}

}  // namespace hallmark::runner::transports
