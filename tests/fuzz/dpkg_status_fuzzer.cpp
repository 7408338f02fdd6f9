// /var/lib/dpkg/status of the target.
#include <cstddef>
#include <cstdint>

#include "probes/parsers/dpkg_status.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hallmark::probes::parsers::parse_dpkg_status({reinterpret_cast<const char*>(data), size});
  return 0;
}
