// /proc/net/{tcp,tcp6,udp,udp6} of the target, read as IPv4 and as IPv6 tables.
#include <cstddef>
#include <cstdint>

#include "probes/parsers/proc_net.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  hallmark::probes::parsers::parse_proc_net(text, hallmark::contracts::Protocol::tcp, false);
  hallmark::probes::parsers::parse_proc_net(text, hallmark::contracts::Protocol::udp, true);
  return 0;
}
