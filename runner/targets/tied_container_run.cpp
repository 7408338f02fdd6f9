#include "runner/targets/tied_container_run.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include <fmt/format.h>

namespace hallmark::runner::targets {

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::size_t k_output_kept = 64 * 1024;
constexpr auto k_client_grace = 10s;

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

TiedContainerRun::~TiedContainerRun() { finish(); }

std::expected<void, std::string> TiedContainerRun::start(const std::vector<std::string>& argv, std::string_view ready,
                                                         std::chrono::milliseconds timeout) {
  int in[2], out[2];
  // O_CLOEXEC: no other child of hallmark may hold the tie, or it would outlive hallmark.
  if (pipe2(in, O_CLOEXEC) != 0) return std::unexpected(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  if (pipe2(out, O_CLOEXEC) != 0) {
    ::close(in[0]);
    ::close(in[1]);
    return std::unexpected(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  }
  tie_ = in[1];
  output_ = out[0];
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, out[1], 2);
  // Its own process group and no blocked signals (hallmark blocks SIGINT/SIGTERM/SIGHUP for its
  // signal thread): a Ctrl-C reaches hallmark, whose teardown removes the container.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
  std::vector<std::string> storage = argv;
  std::vector<char*> raw;
  for (std::string& arg : storage) raw.push_back(arg.data());
  raw.push_back(nullptr);
  const int error = posix_spawnp(&client_, raw[0], &actions, &attributes, raw.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(in[0]);
  ::close(out[1]);
  if (error != 0) {
    client_ = -1;
    return std::unexpected(fmt::format("cannot start '{}': {}", argv.front(), std::strerror(error)));
  }

  std::string printed;
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    const auto line = printed.find(std::string(ready) + "\n");
    if (line != std::string::npos && (line == 0 || printed[line - 1] == '\n')) return {};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left <= 0ms) return std::unexpected(fmt::format("`{} run` did not start the container within {} s", argv.front(),
                                                        timeout.count() / 1000));
    pollfd entry{output_, POLLIN, 0};
    if (::poll(&entry, 1, static_cast<int>(left.count())) < 0 && errno != EINTR) {
      return std::unexpected(fmt::format("cannot wait for `{} run`: {}", argv.front(), std::strerror(errno)));
    }
    if (entry.revents == 0) continue;
    char buffer[4096];
    const ssize_t n = ::read(output_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the client exited before the container was ready
    printed.append(buffer, static_cast<std::size_t>(n));
    if (printed.size() > k_output_kept) {
      return std::unexpected(fmt::format("the container printed {} KiB without the keep-alive's \"{}\" line "
                                         "(is the image's /bin/sh a shell?)",
                                         k_output_kept / 1024, ready));
    }
  }
  int status = 0;
  waitpid(client_, &status, 0);
  client_ = -1;
  printed = trimmed(std::move(printed));
  return std::unexpected(printed.empty() ? fmt::format("`{} run` exited with status {}", argv.front(), WEXITSTATUS(status))
                                         : printed);
}

void TiedContainerRun::finish() {
  close_fd(tie_);
  close_fd(output_);
  if (client_ <= 0) return;
  const auto deadline = Clock::now() + k_client_grace;
  while (waitpid(client_, nullptr, WNOHANG) == 0) {
    if (Clock::now() >= deadline) {
      kill(client_, SIGKILL);
      waitpid(client_, nullptr, 0);
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  client_ = -1;
}

}  // namespace hallmark::runner::targets
