#pragma once

#include <optional>
#include <string>

namespace hallmark::util {

// The whole content of a file, byte for byte; nullopt when it cannot be opened.
std::optional<std::string> read_text_file(const std::string& path);

}  // namespace hallmark::util
