#include "runner/targets/qemu/vm_credentials.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "util/text_file.hpp"

namespace hallmark::runner::targets::qemu {

std::expected<void, std::string> check_vm_options(const TargetOptions& options) {
  const VmOptions& vm = options.vm;
  const char* agent = std::getenv("SSH_AUTH_SOCK");
  const bool has_agent = agent != nullptr && *agent != '\0';
  if (!vm.cloud_init && !options.ssh.identity && !has_agent) {
    return std::unexpected(
        "a qemu target needs a way to log in: --cloud-init (an ephemeral key through a NoCloud seed), "
        "--identity KEY (a key the image already authorizes) or an ssh-agent (SSH_AUTH_SOCK is not set)");
  }
  if (!vm.cloud_init && (vm.cloud_init_user_data || vm.cloud_init_network_config)) {
    return std::unexpected("--cloud-init-user-data and --cloud-init-network-config need --cloud-init");
  }
  if (vm.cloud_init && options.ssh.identity) {
    if (auto key = public_key_of(*options.ssh.identity); !key) return std::unexpected(key.error());
  }
  return {};
}

std::expected<std::string, std::string> public_key_of(const std::string& identity) {
  const std::string path = identity + ".pub";
  const auto text = util::read_text_file(path);
  if (!text) {
    return std::unexpected(fmt::format(
        "--cloud-init authorizes the public key of --identity too, but there is no {} (make it with ssh-keygen -y -f {} > {})", path,
        identity, path));
  }
  std::string line = text->substr(0, text->find('\n'));
  if (line.empty()) return std::unexpected(fmt::format("{} holds no public key", path));
  return line;
}

}  // namespace hallmark::runner::targets::qemu
