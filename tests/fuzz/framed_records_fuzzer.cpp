// The framed records a gather script prints: the first bytes hallmark reads from a target.
#include <cstddef>
#include <cstdint>

#include "runner/gather/framed_records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto records = hallmark::runner::gather::parse_records({reinterpret_cast<const char*>(data), size});
  // Every value is a slice of the input: together they can never be longer than it.
  std::size_t total = 0;
  if (records) for (const auto& record : *records) total += record.field.size() + record.value.size();
  if (total > size) __builtin_trap();
  return 0;
}
