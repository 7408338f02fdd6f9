// One line of the files script's stat(1) output on the target.
#include <cstddef>
#include <cstdint>

#include "probes/parsers/stat_line.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hallmark::probes::FileInfo file;
  hallmark::probes::parsers::decode_stat_line({reinterpret_cast<const char*>(data), size}, file);
  return 0;
}
