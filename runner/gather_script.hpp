#pragma once

#include <chrono>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "runner/framed_records.hpp"
#include "runner/transport.hpp"

namespace hallmark::runner {

// Runs one gathering script (see gather_scripts.hpp) on the target with contract values as
// positional arguments, and splits its framed output. Fails with the reason when the exec
// fails or the output is cut short.
std::expected<std::vector<Record>, std::string> run_script(Transport& transport, std::string_view script,
                                                           const std::vector<std::string>& args,
                                                           std::chrono::milliseconds timeout);

}  // namespace hallmark::runner
