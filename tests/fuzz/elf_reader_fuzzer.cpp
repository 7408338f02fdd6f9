// An ELF file of the target (libraries and binaries), read for its dynamic section and symbols.
#include <cstddef>
#include <cstdint>

#include "probes/parsers/elf_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hallmark::probes::parsers::read_elf_facts({reinterpret_cast<const char*>(data), size});
  return 0;
}
