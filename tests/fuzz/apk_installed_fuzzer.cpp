// /lib/apk/db/installed of the target.
#include <cstddef>
#include <cstdint>

#include "probes/parsers/package_databases.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hallmark::probes::parsers::parse_apk_installed({reinterpret_cast<const char*>(data), size});
  return 0;
}
