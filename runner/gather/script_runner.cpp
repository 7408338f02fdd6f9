#include "runner/gather/script_runner.hpp"

#include <fmt/format.h>

#include "runner/gather/embedded_scripts.hpp"

namespace hallmark::runner::gather {

std::expected<std::vector<Record>, probes::FactError> run_script(transports::Transport& transport, std::string_view script,
                                               const std::vector<std::string>& args,
                                               std::chrono::milliseconds timeout) {
  std::vector<std::string> argv{"/bin/sh", "-c", std::string(scripts::k_prelude) + std::string(script), "hallmark"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto result = transport.exec(argv, {}, timeout);
  if (!result) return std::unexpected(result.error());
  auto records = parse_records(result->out);
  // Exit 97 is the scripts' hm_fail: the image lacks what the script needs (no writable
  // temporary directory), which no retry changes.
  if (!records && result->exit_code == 97) {
    return std::unexpected(probes::deterministic_error(fmt::format("the gather script cannot run on this image: {}", result->err)));
  }
  if (!records && !result->err.empty()) {
    return std::unexpected(fmt::format("{} (exit {}: {})", records.error(), result->exit_code, result->err));
  }
  return records;
}

}  // namespace hallmark::runner::gather
