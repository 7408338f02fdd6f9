#pragma once

#include <expected>
#include <string>

#include "runner/targets/target_spec.hpp"

namespace hallmark::runner::targets::qemu {

// Checks, before a VM boots, what can be known without it: hallmark must have a key the guest
// can accept (--identity, --cloud-init or an ssh-agent in SSH_AUTH_SOCK), --identity with
// --cloud-init needs its public half (IDENTITY.pub, authorized beside the ephemeral key), and
// the cloud-init files need --cloud-init. Fails with what to pass instead (a usage error).
std::expected<void, std::string> check_vm_options(const TargetOptions& options);

// The public key line of the private key file `identity`, read from IDENTITY.pub.
std::expected<std::string, std::string> public_key_of(const std::string& identity);

}  // namespace hallmark::runner::targets::qemu
