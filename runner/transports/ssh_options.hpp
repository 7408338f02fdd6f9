#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace hallmark::runner::transports {

// How to reach an SSH target (ssh:, and qemu: once booted).
struct SshOptions {
  std::optional<std::string> identity;     // private key file; ssh-agent (SSH_AUTH_SOCK) when absent
  std::optional<std::string> known_hosts;  // default ~/.ssh/known_hosts
  bool accept_new_host_key = false;        // trust and record a host seen for the first time
  bool sudo = false;                       // gather facts through `sudo -n`
  std::chrono::milliseconds connect_timeout{15000};
};

}  // namespace hallmark::runner::transports
