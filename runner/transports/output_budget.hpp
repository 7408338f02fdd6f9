#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hallmark::runner::transports {

// The target output one round trip may hold, so that a target writing without end (a broken
// or hostile image) costs bounded memory. Two limits: one round trip may receive
// k_round_trip_limit bytes (stdout and stderr together); and the buffers of all round trips
// in flight at once (facts are gathered in parallel) may take k_in_flight_limit of memory
// together. Buffers are counted by capacity, grown by doubling under this count, so the copy
// a growing buffer makes is counted too and the limit bounds what is really resident.
// Whoever reads a command's output appends it through append(), and stops the command when
// append() says no.
class OutputBudget {
 public:
  static constexpr std::size_t k_round_trip_limit = std::size_t{128} << 20;
  static constexpr std::size_t k_in_flight_limit = std::size_t{256} << 20;

  OutputBudget() = default;
  ~OutputBudget();  // gives this round trip's memory back to the in-flight total
  OutputBudget(const OutputBudget&) = delete;
  OutputBudget& operator=(const OutputBudget&) = delete;

  // Appends `bytes` to `sink` (one of this round trip's buffers); false, and nothing appended,
  // when either limit would be passed.
  bool append(std::string& sink, std::string_view bytes);

  // Why append() said no, for the error of the round trip: "the target sent more than ...".
  std::string exceeded() const;

 private:
  std::size_t received_ = 0;
  std::size_t held_ = 0;  // capacity of this round trip's buffers, counted in flight
  bool in_flight_full_ = false;
};

}  // namespace hallmark::runner::transports
