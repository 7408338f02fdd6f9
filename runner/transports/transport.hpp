#pragma once

#include <chrono>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "probes/fact_error.hpp"

namespace hallmark::runner::transports {

// What a command run on a target printed and how it ended.
struct ExecResult {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// What a run on a target gave, or why it could not be run: infrastructure trouble (the target is
// gone, the round trip timed out) or, where a retry cannot help (sudo refused), deterministic.
using Execution = std::expected<ExecResult, probes::FactError>;

// How a runner reaches a target: run a command there. Arguments are passed as data, never
// re-parsed by a shell on the way (a transport that must build a command line quotes them).
class Transport {
 public:
  virtual ~Transport() = default;

  // Runs argv on the target with `input` on stdin. Fails (with the reason) only when the
  // command could not be run or its end not observed: the target is gone or unreachable,
  // or `timeout` expired. A command that runs and exits non-zero is a success here.
  virtual Execution exec(const std::vector<std::string>& argv, std::string_view input, std::chrono::milliseconds timeout) = 0;

  // e.g. "docker exec hallmark-1234-ab12"
  virtual std::string describe() const = 0;
};

}  // namespace hallmark::runner::transports
