#include "runner/transports/local_transport.hpp"

#include <fmt/format.h>

#include "runner/transports/process.hpp"

namespace hallmark::runner::transports {

Execution LocalTransport::exec(const std::vector<std::string>& argv,
                                                            std::string_view input,
                                                            std::chrono::milliseconds timeout) {
  auto result = run_process(argv, input, timeout);
  if (!result) return std::unexpected(result.error());
  if (!result->over_budget.empty()) return std::unexpected(result->over_budget);
  if (result->timed_out) return std::unexpected(fmt::format("timed out after {} ms", timeout.count()));
  return ExecResult{result->exit_code, std::move(result->out), std::move(result->err)};
}

}  // namespace hallmark::runner::transports
