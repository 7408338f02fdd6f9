#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

namespace hallmark::runner {

// Progress of a run for a person watching: one row per target. On a terminal, the rows are
// live and rewritten in place with each target's current step and its elapsed time; elsewhere
// (a Jenkins log) one plain line per step, prefixed with the target's name when there are
// several, so lines of targets checked side by side stay readable.
class Progress {
 public:
  Progress(std::ostream& out, bool live, std::vector<std::string> targets);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Starts a new step of target `row`, e.g. "gathering facts for 22 clauses over docker exec ...".
  // Safe to call from several threads.
  void step(std::size_t row, std::string text);
  // Ends the live rows (so later output starts on a fresh line).
  void finish();

 private:
  struct Row {
    std::string target;
    std::string text;
    std::chrono::steady_clock::time_point started;
  };
  void redraw();

  std::ostream& out_;
  const bool live_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Row> rows_;
  bool drawn_ = false;
  bool finished_ = false;
  std::thread ticker_;
};

}  // namespace hallmark::runner
