#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace hallmark::testing {

// What a run of the real `hallmark` binary printed and returned.
struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the built hallmark binary with `args` and waits for it (fails the test on a timeout).
CliResult run_hallmark(const std::vector<std::string>& args, std::chrono::seconds timeout = std::chrono::seconds{300});

// Path of a file under the source tree, e.g. source_path("tests/data/contracts/x.toml").
std::string source_path(const std::string& relative);

// Reads a whole file ("" when missing).
std::string read_file(const std::string& path);

}  // namespace hallmark::testing

namespace hallmark::testing {

// hallmark started in the background, its output sent to a file, so a test can act on the
// target (kill it, interrupt hallmark) while it runs. Killed and reaped if still running at
// destruction.
class BackgroundHallmark {
 public:
  BackgroundHallmark(const std::vector<std::string>& args, const std::string& output_file);
  ~BackgroundHallmark();
  BackgroundHallmark(const BackgroundHallmark&) = delete;
  BackgroundHallmark& operator=(const BackgroundHallmark&) = delete;

  int pid() const { return pid_; }
  void signal(int signal_number) const;
  // Waits for the exit (looks at least once, so 0 s polls); returns the exit status, or -1 on timeout.
  int wait(std::chrono::seconds timeout);

 private:
  int pid_ = -1;
};

}  // namespace hallmark::testing
