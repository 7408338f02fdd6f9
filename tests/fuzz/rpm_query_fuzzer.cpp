// The target's `rpm -qa` output (name, epoch:version-release, arch, tab-separated).
#include <cstddef>
#include <cstdint>

#include "probes/parsers/package_databases.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hallmark::probes::parsers::parse_rpm_query({reinterpret_cast<const char*>(data), size});
  return 0;
}
