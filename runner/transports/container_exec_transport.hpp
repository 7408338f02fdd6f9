#pragma once

#include <string>

#include "runner/transports/transport.hpp"

namespace hallmark::runner::transports {

// Runs commands in a running container with `<engine> exec -i CONTAINER argv...`, where the
// engine is the docker or podman CLI. The container's own PATH resolves argv[0].
class ContainerExecTransport final : public Transport {
 public:
  ContainerExecTransport(std::string engine, std::string container);

  Execution exec(const std::vector<std::string>& argv, std::string_view input,
                                              std::chrono::milliseconds timeout) override;
  std::string describe() const override;

 private:
  std::string engine_;
  std::string container_;
};

}  // namespace hallmark::runner::transports
