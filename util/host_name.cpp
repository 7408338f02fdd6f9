#include "util/host_name.hpp"

#include <unistd.h>

#include <array>

namespace hallmark::util {

std::string host_name() {
  std::array<char, 256> buffer{};
  if (gethostname(buffer.data(), buffer.size() - 1) != 0) return "unknown";
  return buffer.data();
}

}  // namespace hallmark::util
