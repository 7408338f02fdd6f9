#pragma once

#include <cstddef>
#include <string>

namespace hallmark::runner::transports {

// The bytes of target output one round trip may hold, so that a target writing without end
// (a broken or hostile image) costs bounded memory. Two limits: one round trip may hold
// k_round_trip_limit bytes (stdout and stderr together); and all round trips in flight at once
// (facts are gathered in parallel) may hold k_in_flight_limit together. Whoever reads output
// takes bytes from it before keeping them, and stops the command when it says no. The limits
// keep hallmark's peak under 400 MB: what is in flight, plus one string's copy while it grows.
class OutputBudget {
 public:
  static constexpr std::size_t k_round_trip_limit = std::size_t{128} << 20;
  static constexpr std::size_t k_in_flight_limit = std::size_t{192} << 20;

  OutputBudget() = default;
  ~OutputBudget();  // gives this round trip's bytes back to the in-flight total
  OutputBudget(const OutputBudget&) = delete;
  OutputBudget& operator=(const OutputBudget&) = delete;

  // Counts `bytes` more; false (and nothing counted) when either limit would be passed.
  bool take(std::size_t bytes);

  // Why take() said no, for the error of the round trip: "the target sent more than ...".
  std::string exceeded() const;

 private:
  std::size_t held_ = 0;
  bool in_flight_full_ = false;
};

}  // namespace hallmark::runner::transports
