// /etc/passwd and /etc/group of the target: the same bytes through both parsers.
#include <cstddef>
#include <cstdint>

#include "probes/parsers/account_databases.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  hallmark::probes::parsers::parse_passwd(text);
  hallmark::probes::parsers::parse_group(text);
  return 0;
}
