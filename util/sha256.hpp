#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace hallmark::util {

// Lower-case hex SHA-256 of `bytes` (OpenSSL's implementation).
std::string sha256_hex(std::string_view bytes);

// Lower-case hex SHA-256 of a file's content, read in pieces (a disk image can be gigabytes).
// Fails with "cannot read PATH: reason".
std::expected<std::string, std::string> sha256_file_hex(const std::string& path);

}  // namespace hallmark::util
