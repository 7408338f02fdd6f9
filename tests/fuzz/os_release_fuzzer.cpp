// os-release(5) of the target: all keys, and the one-key lookup that must agree with them.
#include <cstddef>
#include <cstdint>

#include "probes/parsers/os_release.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto values = hallmark::probes::parsers::parse_os_release(text);
  if (hallmark::probes::parsers::os_release_value(text, "ID") !=
      (values.contains("ID") ? std::optional(values.at("ID")) : std::nullopt)) {
    __builtin_trap();
  }
  return 0;
}
