#pragma once

#include <cstdint>
#include <expected>
#include <limits>
#include <optional>
#include <string>

namespace hallmark::util {

// The whole content of a file, byte for byte; nullopt when it cannot be opened or read (a read
// error never yields a partial content) or holds more than `max_bytes`. Pipes are read too.
std::optional<std::string> read_text_file(const std::string& path,
                                          std::uintmax_t max_bytes = std::numeric_limits<std::uintmax_t>::max());

// The whole content of a regular file of at most `max_bytes`, byte for byte. Fails, saying why
// ("is not a regular file", "is larger than N bytes", "cannot be read: REASON"), without ever
// blocking on a FIFO or reading a device: for files named by someone else, such as includes.
std::expected<std::string, std::string> read_regular_file(const std::string& path, std::uintmax_t max_bytes);

}  // namespace hallmark::util
