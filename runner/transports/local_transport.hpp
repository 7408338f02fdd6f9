#pragma once

#include "runner/transports/transport.hpp"

namespace hallmark::runner::transports {

// Runs commands on this machine, as child processes of hallmark.
class LocalTransport final : public Transport {
 public:
  Execution exec(const std::vector<std::string>& argv, std::string_view input,
                                              std::chrono::milliseconds timeout) override;
  std::string describe() const override { return "local"; }
};

}  // namespace hallmark::runner::transports
