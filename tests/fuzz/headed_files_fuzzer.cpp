// The sysctls script's `head -v -c N` output on the target, split among three paths.
#include <cstddef>
#include <cstdint>

#include "probes/parsers/headed_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<std::string> paths{"/proc/sys/a", "/proc/sys/a/b", "/proc/sys/c"};
  (void)hallmark::probes::parsers::parse_headed_files({reinterpret_cast<const char*>(data), size}, paths);
  return 0;
}
