#pragma once

#include <chrono>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace hallmark::runner::transports {

// How a local child process ended and what it printed.
struct ProcessResult {
  int exit_code = 0;
  bool timed_out = false;  // killed by us when the timeout expired
  std::string over_budget;  // why we killed it for printing too much (OutputBudget), or ""
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up in PATH) with the rest as arguments, no shell involved, feeding
// `input` on stdin and collecting both output streams. Kills it after `timeout`, or when its
// output passes an OutputBudget (what it printed so far is kept). Returns at the latest
// `timeout` after the start, or 2 s after the child exited when a descendant it left behind
// (a daemon, podman's conmon, `cmd &`) still holds its pipes: what was read by then is the
// output. Fails only when the program cannot be started.
std::expected<ProcessResult, std::string> run_process(const std::vector<std::string>& argv,
                                                      std::string_view input,
                                                      std::chrono::milliseconds timeout);

}  // namespace hallmark::runner::transports
