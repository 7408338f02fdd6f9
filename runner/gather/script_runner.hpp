#pragma once

#include <chrono>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/gather/framed_records.hpp"
#include "runner/transports/transport.hpp"

namespace hallmark::runner::gather {

// Runs one gathering script (see scripts/*.sh) on the target with contract values as
// positional arguments, and splits its framed output. Fails with the reason when the exec
// fails (of the transport's ErrorKind), the script cannot run on this image (deterministic),
// or the output is cut short (infrastructure).
std::expected<std::vector<Record>, probes::FactError> run_script(transports::Transport& transport, std::string_view script,
                                                           const std::vector<std::string>& args,
                                                           std::chrono::milliseconds timeout);

// run_script for a kind whose facts are keyed (paths, sysctl keys, units...): when the round
// trip fails, every fact in `facts` holds the reason and nullopt is returned.
template <class Fact>
std::optional<std::vector<Record>> run_keyed_script(transports::Transport& transport, std::string_view script,
                                                    const std::vector<std::string>& args,
                                                    std::chrono::milliseconds timeout,
                                                    std::map<std::string, Fact>& facts) {
  auto records = run_script(transport, script, args, timeout);
  if (records) return std::move(*records);
  for (auto& [key, fact] : facts) fact = std::unexpected(records.error());
  return std::nullopt;
}

}  // namespace hallmark::runner::gather
