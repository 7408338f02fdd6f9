#pragma once

#include <sys/types.h>

#include <chrono>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace hallmark::runner::targets {

// An attached `ENGINE run -i --rm ...` client left running, its stdin a pipe whose write end only
// hallmark holds. However hallmark ends, even by SIGKILL, the kernel closes that pipe; the
// container's keep-alive then reads end of file and exits, and the engine removes it (--rm).
class TiedContainerRun {
 public:
  TiedContainerRun() = default;
  ~TiedContainerRun();
  TiedContainerRun(const TiedContainerRun&) = delete;
  TiedContainerRun& operator=(const TiedContainerRun&) = delete;

  // Starts argv and waits until the container prints `ready` as a line on stdout. Fails with
  // what the client printed when it exits first (no such image, no /bin/sh ...), when 64 KiB
  // come without that line, or on `timeout`; the caller's teardown then removes the container.
  std::expected<void, std::string> start(const std::vector<std::string>& argv, std::string_view ready,
                                         std::chrono::milliseconds timeout);

  // Closes the pipe and waits (bounded) for the client, which ends with its container.
  void finish();

 private:
  pid_t client_ = -1;
  int tie_ = -1;     // write end of the client's stdin
  int output_ = -1;  // read end of the client's stdout and stderr
};

}  // namespace hallmark::runner::targets
