#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

namespace hallmark::runner {

// Progress of a run for a person watching. On a terminal, one live line that is rewritten
// with the current step and its elapsed time; elsewhere (a Jenkins log) one plain line per step.
class ProgressLine {
 public:
  ProgressLine(std::ostream& out, bool live);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Starts a new step, e.g. "gathering facts for 22 clauses over docker exec ...".
  void step(std::string text);
  // Ends the live line (so later output starts on a fresh line).
  void finish();

 private:
  void redraw();

  std::ostream& out_;
  const bool live_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::string text_;
  std::chrono::steady_clock::time_point started_;
  bool finished_ = false;
  std::thread ticker_;
};

}  // namespace hallmark::runner
