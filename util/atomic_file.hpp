#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace hallmark::util {

// Replaces `path` with `content` atomically: writes a temporary file beside it, flushes it,
// then renames it into place. Fails with the reason; never leaves a partial file at `path`.
std::expected<void, std::string> write_file_atomically(const std::string& path, std::string_view content);

}  // namespace hallmark::util
