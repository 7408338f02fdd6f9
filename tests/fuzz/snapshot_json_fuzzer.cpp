// A snapshot file given to `hallmark diff` or a baseline: read strictly, written back, read again.
#include <cstddef>
#include <cstdint>

#include "probes/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto snapshot = hallmark::probes::snapshot_from_json({reinterpret_cast<const char*>(data), size}, "fuzz.json");
  if (!snapshot) return 0;
  // What hallmark writes it must read back.
  if (!hallmark::probes::snapshot_from_json(hallmark::probes::snapshot_to_json(*snapshot), "again.json")) {
    __builtin_trap();
  }
  return 0;
}
