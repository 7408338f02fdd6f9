#include "util/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

#include <fmt/format.h>

namespace hallmark::util {

std::expected<void, std::string> write_file_atomically(const std::string& path, std::string_view content) {
  const std::string temporary = fmt::format("{}.tmp.{}", path, getpid());
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (!file) return std::unexpected(fmt::format("cannot write {}: {}", temporary, std::strerror(errno)));
  const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size() &&
                       std::fflush(file) == 0 && fsync(fileno(file)) == 0;
  const int write_errno = errno;
  if (std::fclose(file) != 0 || !written) {
    std::remove(temporary.c_str());
    return std::unexpected(fmt::format("cannot write {}: {}", temporary, std::strerror(write_errno)));
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int rename_errno = errno;
    std::remove(temporary.c_str());
    return std::unexpected(fmt::format("cannot rename {} to {}: {}", temporary, path, std::strerror(rename_errno)));
  }
  return {};
}

}  // namespace hallmark::util
