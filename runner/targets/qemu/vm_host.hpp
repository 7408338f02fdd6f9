#pragma once

#include <sys/types.h>

#include <chrono>
#include <expected>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace hallmark::runner::targets::qemu {

// What one VM target holds on this machine: the qemu child and its run directory (serial log,
// qemu's messages, cloud-init seed, ephemeral key, known_hosts). Shared by the target and its
// teardown action, which may run on the signal thread, so one mutex guards everything.
class VmHost {
 public:
  // Creates the run directory, hallmark-qemu-BOOTID-PID-STARTTICKS-XXXXXX under $TMPDIR
  // (default /tmp), named after this process; first removes the run directories whose owner
  // no longer runs (a hallmark killed by SIGKILL could not remove its own).
  std::expected<std::filesystem::path, std::string> make_run_dir();

  // Starts qemu (argv[0] looked up in PATH) in its own process group, stdin from /dev/null,
  // output to RUN_DIR/qemu.log. The child gets SIGKILL when the calling thread ends
  // (PR_SET_PDEATHSIG), so not even a hallmark killed with SIGKILL leaves a VM running; the
  // calling thread must outlive the VM (hallmark boots on its main thread). Refused once torn down.
  std::expected<void, std::string> start_qemu(std::vector<std::string> argv);

  // nullopt while qemu runs; else how it ended ("qemu exited with status 1").
  std::optional<std::string> qemu_ended();
  // Like qemu_ended(), but gives a qemu that is exiting up to `patience` to finish.
  std::optional<std::string> qemu_ended_within(std::chrono::steady_clock::duration patience);

  // SIGTERM, then SIGKILL after a grace period; qemu is reaped. Harmless when it has ended.
  void stop_qemu();
  // Stops qemu and removes the run directory; nothing can be started afterwards.
  void tear_down();

  // The last 100 lines of the serial console (sanitised) and qemu's own messages, for a failure message.
  std::string logs();
  // The whole serial console so far, sanitised (serial_console.hpp).
  std::string console();
  // True when qemu said its port forward could not be set up (the port was taken meanwhile).
  bool port_was_taken();

 private:
  std::optional<std::string> reap(int options);
  void stop_locked();

  std::mutex mutex_;
  bool torn_down_ = false;
  std::filesystem::path run_dir_;
  pid_t pid_ = -1;
  std::optional<std::string> ended_;
};

}  // namespace hallmark::runner::targets::qemu
