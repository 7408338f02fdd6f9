#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace hallmark::util {

// Lower-case hex SHA-256 of `bytes` (OpenSSL's implementation).
std::string sha256_hex(std::string_view bytes);

// Lower-case hex SHA-256 of the file at `path`, read in pieces (disk images are large), or why
// it cannot be read.
std::expected<std::string, std::string> sha256_file_hex(const std::string& path);

}  // namespace hallmark::util
