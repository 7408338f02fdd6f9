#pragma once

#include <string>
#include <string_view>

namespace hallmark::util {

// Lower-case hex SHA-256 of `bytes` (OpenSSL's implementation).
std::string sha256_hex(std::string_view bytes);

}  // namespace hallmark::util
