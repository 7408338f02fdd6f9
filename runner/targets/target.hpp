#pragma once

#include <optional>
#include <string>

#include "reports/run_result.hpp"
#include "runner/transports/transport.hpp"

namespace hallmark::runner::targets {

// A system under test that hallmark booted or attached to. Destroying a target tears down
// whatever hallmark booted for it; what it merely attached to is left as it was.
class Target {
 public:
  virtual ~Target() = default;

  virtual transports::Transport& transport() = 0;
  virtual const probes::Provenance& provenance() const = 0;

  // nullopt while the target is up; otherwise why it is not, with its log where there is one.
  virtual std::optional<std::string> check_alive() = 0;
};

}  // namespace hallmark::runner::targets
