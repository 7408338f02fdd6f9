#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace hallmark::runner::targets {

// The process-wide list of teardown actions for what hallmark booted, so that a signal
// (handled on its own thread) tears down the same things a normal exit does.
class TeardownRegistry {
 public:
  using Handle = std::uint64_t;

  static TeardownRegistry& instance();

  // Registers an action; register before booting, so no window exists where a booted
  // thing is unknown. Actions must tolerate running when nothing was booted.
  Handle add(std::function<void()> action);
  // Runs and forgets one action (the normal teardown path). A handle already run is ignored.
  void run(Handle handle);
  // Runs and forgets every registered action (signal path), after any action already
  // running on another thread has finished.
  void run_all();

 private:
  std::mutex mutex_;    // guards actions_
  std::mutex running_;  // held while an action runs
  std::map<Handle, std::function<void()>> actions_;
  Handle next_ = 1;
};

// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread (and so in every thread started
// after it) and starts a thread that, on one of them, runs every teardown action (in the order
// they were added; a run adds the writing of its partial report first) and exits with 128 + the
// signal number. Call once, before any other thread starts.
void install_signal_teardown();

// The signal the signal thread is handling, nullopt while none arrived. Teardown actions read it
// to tell an interrupted run (write what is known) from a normal teardown.
std::optional<int> interrupting_signal();

// Call before exiting normally: when a signal's teardown is under way, waits for it (the
// signal thread ends the process), so the process never exits with a half-done teardown.
void wait_for_signal_teardown();

}  // namespace hallmark::runner::targets
