#include "util/text_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace hallmark::util {

std::optional<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::expected<std::string, std::string> read_regular_file(const std::string& path, std::uintmax_t max_bytes) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return std::unexpected(fmt::format("cannot be read: {}", std::strerror(errno)));
  struct stat info {};
  std::string text;
  std::string why;
  if (::fstat(fd, &info) != 0) {
    why = fmt::format("cannot be read: {}", std::strerror(errno));
  } else if (!S_ISREG(info.st_mode)) {
    why = "is not a regular file";
  } else if (static_cast<std::uintmax_t>(info.st_size) > max_bytes) {
    why = fmt::format("is larger than {} bytes", max_bytes);
  } else {
    // The size read is bounded too: the file may grow between fstat and read.
    char buffer[65536];
    while (why.empty()) {
      const ssize_t got = ::read(fd, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) why = fmt::format("cannot be read: {}", std::strerror(errno));
      if (got <= 0) break;
      text.append(buffer, static_cast<std::size_t>(got));
      if (text.size() > max_bytes) why = fmt::format("is larger than {} bytes", max_bytes);
    }
  }
  ::close(fd);
  if (!why.empty()) return std::unexpected(why);
  return text;
}

}  // namespace hallmark::util
