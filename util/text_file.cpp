#include "util/text_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace hallmark::util {

namespace {

// Appends what `fd` holds until end of file to `text`; an empty string on success, else why not.
// Bounded by `max_bytes`: a file may grow while it is read.
std::string read_to_end(int fd, std::string& text, std::uintmax_t max_bytes) {
  char buffer[65536];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    // A read can fail after a successful open: EIO, or ESRCH for /proc/PID files of a process that
    // just ended. Failing here (never throwing, as std::filebuf does) lets callers tell it apart.
    if (got < 0) return fmt::format("cannot be read: {}", std::strerror(errno));
    if (got == 0) return {};
    text.append(buffer, static_cast<std::size_t>(got));
    if (text.size() > max_bytes) return fmt::format("is larger than {} bytes", max_bytes);
  }
}

}  // namespace

std::optional<std::string> read_text_file(const std::string& path, std::uintmax_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string text;
  const std::string why = read_to_end(fd, text, max_bytes);
  ::close(fd);
  if (!why.empty()) return std::nullopt;
  return text;
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
    why = read_to_end(fd, text, max_bytes);
  }
  ::close(fd);
  if (!why.empty()) return std::unexpected(why);
  return text;
}

}  // namespace hallmark::util
