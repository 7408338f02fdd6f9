#include "runner/targets/local_target.hpp"

#include "runner/transports/local_transport.hpp"
#include "util/host_name.hpp"

namespace hallmark::runner::targets {

namespace {

class LocalTarget final : public Target {
 public:
  explicit LocalTarget(const TargetSpec& spec) { provenance_ = {.target = spec.text, .hostname = util::host_name()}; }
  transports::Transport& transport() override { return transport_; }
  const probes::Provenance& provenance() const override { return provenance_; }
  std::optional<std::string> check_alive() override { return std::nullopt; }

 private:
  transports::LocalTransport transport_;
  probes::Provenance provenance_;
};

}  // namespace

OpenResult open_local(const TargetSpec& spec) { return std::make_unique<LocalTarget>(spec); }

}  // namespace hallmark::runner::targets
