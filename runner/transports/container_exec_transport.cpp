#include "runner/transports/container_exec_transport.hpp"

#include <fmt/format.h>

#include "runner/transports/process.hpp"

namespace hallmark::runner::transports {

ContainerExecTransport::ContainerExecTransport(std::string engine, std::string container)
    : engine_(std::move(engine)), container_(std::move(container)) {}

std::string ContainerExecTransport::describe() const { return fmt::format("{} exec {}", engine_, container_); }

Execution ContainerExecTransport::exec(const std::vector<std::string>& argv,
                                                                 std::string_view input,
                                                                 std::chrono::milliseconds timeout) {
  std::vector<std::string> command{engine_, "exec", "-i", container_};
  command.insert(command.end(), argv.begin(), argv.end());
  auto result = run_process(command, input, timeout);
  if (!result) return std::unexpected(result.error());
  if (!result->over_budget.empty()) return std::unexpected(fmt::format("{}: {}", describe(), result->over_budget));
  if (result->timed_out) {
    return std::unexpected(fmt::format("{} did not answer within {} ms", describe(), timeout.count()));
  }
  // When the exec cannot be set up (container gone or stopped) docker exits 1 with a daemon
  // error on stderr and podman exits 125. 126 and 127 come from inside the container (not
  // executable, not found) and are results like any other exit code.
  const bool daemon_refused = result->exit_code == 1 && result->err.starts_with("Error response from daemon");
  if (daemon_refused || result->exit_code == 125) {
    return std::unexpected(fmt::format("{} failed: {}", describe(), result->err));
  }
  return ExecResult{result->exit_code, std::move(result->out), std::move(result->err)};
}

}  // namespace hallmark::runner::transports
