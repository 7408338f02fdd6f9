#include "runner/targets/ssh_target.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

#include "util/host_name.hpp"

namespace hallmark::runner::targets {

namespace {

class SshTarget final : public Target {
 public:
  SshTarget(const TargetSpec& spec, std::unique_ptr<transports::SshTransport> transport)
      : transport_(std::move(transport)), provenance_{.target = spec.text, .hostname = util::host_name()} {}

  transports::Transport& transport() override { return *transport_; }
  const probes::Provenance& provenance() const override { return provenance_; }
  std::optional<std::string> check_alive() override { return transport_->connection_problem(); }

 private:
  std::unique_ptr<transports::SshTransport> transport_;
  probes::Provenance provenance_;
};

bool is_host_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
         c == '_' || c == ':' || c == '%';
}

}  // namespace

std::expected<transports::SshEndpoint, std::string> parse_ssh_reference(std::string_view reference, std::string_view default_user) {
  const auto bad = [&](std::string_view why) {
    return std::unexpected(fmt::format("\"{}\" is not [USER@]HOST[:PORT]: {}", reference, why));
  };
  transports::SshEndpoint endpoint{std::string(default_user), "", 22};
  std::string_view rest = reference;
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    if (at == 0) return bad("the user before '@' is empty");
    endpoint.user = rest.substr(0, at);
    rest = rest.substr(at + 1);
  }
  std::optional<std::string_view> port;
  if (rest.starts_with('[')) {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return bad("'[' without ']'");
    endpoint.host = rest.substr(1, close - 1);
    if (const std::string_view after = rest.substr(close + 1); !after.empty()) {
      if (after.front() != ':') return bad("only ':PORT' may follow ']'");
      port = after.substr(1);
    }
  } else if (std::ranges::count(rest, ':') > 1) {
    endpoint.host = rest;  // a bare IPv6 address
  } else if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
    endpoint.host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  } else {
    endpoint.host = rest;
  }
  if (endpoint.host.empty()) return bad("the host is empty");
  if (!std::ranges::all_of(endpoint.host, is_host_character)) {
    return bad(fmt::format("\"{}\" is not a host name or address", endpoint.host));
  }
  if (port) {
    int number = 0;
    const auto [end, error] = std::from_chars(port->data(), port->data() + port->size(), number);
    if (port->empty() || error != std::errc{} || end != port->data() + port->size() || number < 1 || number > 65535) {
      return bad(fmt::format("\"{}\" is not a port number from 1 to 65535", *port));
    }
    endpoint.port = number;
  }
  return endpoint;
}

OpenResult open_ssh(const TargetSpec& spec, const TargetOptions& options) {
  const char* user = std::getenv("USER");
  auto endpoint = parse_ssh_reference(spec.reference, user != nullptr && *user != '\0' ? user : "root");
  if (!endpoint) return std::unexpected(fmt::format("bad target \"{}\": {}", spec.text, endpoint.error()));
  auto transport = transports::connect_ssh(*endpoint, options.ssh);
  if (!transport) return std::unexpected(transport.error());
  return std::make_unique<SshTarget>(spec, std::move(*transport));
}

}  // namespace hallmark::runner::targets
