#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "runner/transports/ssh_transport.hpp"
#include "runner/targets/target_spec.hpp"

namespace hallmark::runner::targets {

// Splits the reference of `ssh:[USER@]HOST[:PORT]` ("db1", "admin@db1:2222", "[::1]:2222"; a
// bare IPv6 address takes no port). A missing USER is `default_user`, a missing PORT is 22.
// Fails with what is wrong with the reference.
std::expected<transports::SshEndpoint, std::string> parse_ssh_reference(std::string_view reference, std::string_view default_user);

// `ssh:[USER@]HOST[:PORT]`: a running host reached over one libssh session; left running.
// USER defaults to $USER, else root. Fails when the host cannot be reached, verified or logged into.
OpenResult open_ssh(const TargetSpec& spec, const TargetOptions& options);

}  // namespace hallmark::runner::targets
