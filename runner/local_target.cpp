#include "runner/local_target.hpp"

#include "runner/local_transport.hpp"
#include "runner/host_name.hpp"

namespace hallmark::runner {

namespace {

class LocalTarget final : public Target {
 public:
  explicit LocalTarget(const TargetSpec& spec) { info_ = {spec.text, "", "", {}, host_name()}; }
  Transport& transport() override { return transport_; }
  const reports::TargetInfo& info() const override { return info_; }
  std::optional<std::string> check_alive() override { return std::nullopt; }

 private:
  LocalTransport transport_;
  reports::TargetInfo info_;
};

}  // namespace

OpenResult open_local(const TargetSpec& spec) { return std::make_unique<LocalTarget>(spec); }

}  // namespace hallmark::runner
