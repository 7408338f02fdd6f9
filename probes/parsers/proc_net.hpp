#pragma once

#include <string_view>
#include <vector>

#include "probes/facts.hpp"

namespace hallmark::probes::parsers {

// Parses one of /proc/net/{tcp,tcp6,udp,udp6}. Addresses are hex in the kernel's byte order;
// IPv4-mapped IPv6 addresses are reported as IPv4. Fails on a line it cannot read.
Fact<std::vector<Socket>> parse_proc_net(std::string_view text, contracts::Protocol protocol, bool ipv6);

}  // namespace hallmark::probes::parsers
