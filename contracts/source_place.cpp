#include "contracts/source_place.hpp"

#include <fmt/format.h>

namespace hallmark::contracts {

std::string SourcePlace::str() const {
  if (line == 0) return file;
  return fmt::format("{}:{}:{}", file, line, column);
}

}  // namespace hallmark::contracts
