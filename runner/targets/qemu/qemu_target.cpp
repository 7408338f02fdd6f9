#include "runner/targets/qemu/qemu_target.hpp"

#include <fcntl.h>
#include <linux/kvm.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <stop_token>
#include <thread>

#include <fmt/format.h>

#include "runner/targets/qemu/cloud_init_seed.hpp"
#include "util/host_name.hpp"
#include "runner/transports/process.hpp"
#include "runner/targets/qemu/qemu_command.hpp"
#include "runner/transports/ssh_transport.hpp"
#include "runner/targets/teardown_registry.hpp"
#include "runner/targets/qemu/vm_host.hpp"

namespace hallmark::runner::targets::qemu {

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto k_progress_every = 5s;
constexpr auto k_poll_pause = 250ms;
constexpr auto k_first_banner_wait = std::chrono::milliseconds{1000};
constexpr auto k_exit_patience = 2s;
constexpr int k_port_attempts = 3;

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

class QemuTarget final : public Target {
 public:
  QemuTarget(std::shared_ptr<VmHost> host, TeardownRegistry::Handle teardown, probes::Provenance info)
      : host_(std::move(host)), teardown_(teardown), provenance_(std::move(info)) {}

  ~QemuTarget() override {
    transport_.reset();  // log out before the VM goes away
    TeardownRegistry::instance().run(teardown_);
  }

  // Hands over the SSH session to the booted VM, and the host key it was accepted with.
  void attach(std::unique_ptr<transports::SshTransport> transport, std::string host_key) {
    transport_ = std::move(transport);
    provenance_.host_key = std::move(host_key);
  }

  transports::Transport& transport() override { return *transport_; }
  const probes::Provenance& provenance() const override { return provenance_; }

  std::optional<std::string> check_alive() override {
    std::optional<std::string> why = host_->qemu_ended();
    if (!why) {
      why = transport_->connection_problem();
      if (!why) return std::nullopt;
      // A dying qemu closes its sockets before it can be reaped; name the cause when there is one.
      if (auto ended = host_->qemu_ended_within(k_exit_patience)) why = fmt::format("{}; {}", *ended, *why);
    }
    return fmt::format("the VM from {} is not up: {}{}", provenance_.image, *why, host_->logs());
  }

 private:
  std::shared_ptr<VmHost> host_;
  TeardownRegistry::Handle teardown_;
  probes::Provenance provenance_;
  std::unique_ptr<transports::SshTransport> transport_;
};

// KVM that can run an unmodified guest: /dev/kvm opens read-write, speaks API 12 and is backed
// by VT-x or AMD-V. Other flavours (such as kvm_pvm in some sandboxes) accept a VM but then
// fail on a stock kernel, so they count as no KVM.
bool hardware_kvm_usable() {
  const int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
  if (kvm < 0) return false;
  const bool speaks_api = ioctl(kvm, KVM_GET_API_VERSION, 0) == KVM_API_VERSION;
  close(kvm);
  std::error_code ignored;
  return speaks_api && (fs::exists("/sys/module/kvm_intel", ignored) || fs::exists("/sys/module/kvm_amd", ignored));
}

// The disk's format as qemu-img sees it, or as its name suggests when qemu-img is missing.
std::expected<std::string, std::string> disk_format(const std::string& disk) {
  std::error_code error;
  if (!fs::exists(disk, error)) return std::unexpected(fmt::format("no disk image {}", disk));
  const auto info = transports::run_process({"qemu-img", "info", "-U", "--output=json", disk}, {}, 60s);
  if (!info) return disk_format_from_extension(disk);
  if (info->timed_out || info->exit_code != 0) {
    return std::unexpected(fmt::format("qemu-img cannot read {}: {}", disk, trimmed(info->err)));
  }
  auto format = disk_format_from_qemu_img_json(info->out);
  if (!format) return std::unexpected(fmt::format("cannot tell the format of {}: {}", disk, format.error()));
  return format;
}

// A port on 127.0.0.1 that nothing listens on right now.
std::expected<int, std::string> free_local_port() {
  const int probe = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (probe < 0) return std::unexpected(fmt::format("cannot create a socket: {}", std::strerror(errno)));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  const bool bound = bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                     getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  const int error = errno;
  close(probe);
  if (!bound) return std::unexpected(fmt::format("cannot find a free port on 127.0.0.1: {}", std::strerror(error)));
  return ntohs(address.sin_port);
}

// An ed25519 key pair made for this run only (RUN_DIR/id_ed25519); returns the public key line.
std::expected<std::string, std::string> make_ephemeral_key(const fs::path& run_dir) {
  const std::string key = (run_dir / "id_ed25519").string();
  const auto made = transports::run_process({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "hallmark-ephemeral", "-f", key}, {}, 60s);
  if (!made) return std::unexpected(made.error());
  if (made->timed_out || made->exit_code != 0) return std::unexpected(fmt::format("ssh-keygen failed: {}", trimmed(made->err)));
  std::ifstream public_key_file(key + ".pub");
  std::string public_key;
  if (!std::getline(public_key_file, public_key) || public_key.empty()) {
    return std::unexpected(fmt::format("ssh-keygen wrote no {}.pub", key));
  }
  return public_key;
}

// "ED25519 key SHA256:..." of the one host key in `known_hosts`, or why it cannot be told.
std::string host_key_fingerprint(const fs::path& known_hosts) {
  const auto listed = transports::run_process({"ssh-keygen", "-l", "-f", known_hosts.string()}, {}, 30s);
  if (!listed || listed->exit_code != 0) return "(fingerprint unknown: ssh-keygen -l failed)";
  std::istringstream words(listed->out);
  std::string bits, fingerprint, host, type;
  words >> bits >> fingerprint >> host >> type;
  if (type.size() > 2) type = type.substr(1, type.size() - 2);  // "(ED25519)"
  return fmt::format("{} key {}", type, fingerprint);
}

// Why the VM did not answer SSH; `port_taken` when qemu could not forward the chosen port.
struct BootFailure {
  std::string message;
  bool port_taken = false;
};

// Prints "waiting for SSH on 127.0.0.1:PORT (12 s)" every few seconds until destroyed, whatever
// the SSH attempts meanwhile do.
class ProgressReport {
 public:
  ProgressReport(int port, Clock::time_point start)
      : thread_([port, start](std::stop_token stop) {
          std::mutex mutex;
          std::condition_variable_any wakeup;
          std::unique_lock lock(mutex);
          for (auto next = start + k_progress_every;; next += k_progress_every) {
            if (wakeup.wait_until(lock, stop, next, [] { return false; }) || stop.stop_requested()) return;
            fmt::print("hallmark: waiting for SSH on 127.0.0.1:{} ({:.0f} s)\n", port,
                       std::chrono::duration<double>(Clock::now() - start).count());
            std::fflush(stdout);
          }
        }) {}

 private:
  std::jthread thread_;
};

// What a guest's port 22 did for a TCP connection through qemu's forward: `banner`, an SSH
// server spoke; `closed`, the guest refused (its network is up, sshd is not yet); `silent`,
// nothing (the guest's network is not up yet, or its sshd is slow).
enum class PortState { banner, closed, silent };

// qemu accepts a forwarded connection at once, whatever the guest does, so only what comes
// back tells whether sshd runs. Waits at most `wait` for it.
PortState probe_guest_ssh(int port, std::chrono::milliseconds wait) {
  const int connection = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (connection < 0) return PortState::silent;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  PortState state = PortState::closed;
  if (connect(connection, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    pollfd readable{connection, POLLIN, 0};
    if (poll(&readable, 1, static_cast<int>(wait.count())) == 0) {
      state = PortState::silent;
    } else {
      char first = 0;
      state = recv(connection, &first, 1, 0) == 1 ? PortState::banner : PortState::closed;
    }
  }
  close(connection);
  return state;
}

// Polls the guest's port 22 until sshd speaks, then logs in; repeats until that works, qemu
// ends or `deadline` passes. Each silent probe waits a little longer than the last, so a fast
// guest is seen soon after its sshd starts and a slow one still gets the time it needs.
std::expected<std::unique_ptr<transports::SshTransport>, BootFailure> await_ssh(VmHost& host, const transports::SshEndpoint& endpoint,
                                                                    const transports::SshOptions& ssh, Clock::time_point start,
                                                                    Clock::time_point deadline) {
  const ProgressReport progress(endpoint.port, start);
  auto banner_wait = std::min(k_first_banner_wait, ssh.connect_timeout);
  std::string port_state = "qemu did not forward the port yet";
  std::optional<std::string> login_error;  // the most telling failure, once sshd has spoken
  for (;;) {
    if (auto ended = host.qemu_ended()) {
      return std::unexpected(BootFailure{fmt::format("{} before SSH answered", *ended), host.port_was_taken()});
    }
    const auto now = Clock::now();
    if (now >= deadline) {
      return std::unexpected(BootFailure{
          fmt::format("SSH did not answer on 127.0.0.1:{} within {:.0f} s (last attempt: {})", endpoint.port,
                      std::chrono::duration<double>(deadline - start).count(), login_error.value_or(port_state))});
    }
    const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now) + 1ms;
    const PortState state = probe_guest_ssh(endpoint.port, std::min(banner_wait, remaining));
    if (state == PortState::silent) {
      port_state = fmt::format("the guest's port 22 sent nothing within {} ms", std::min(banner_wait, remaining).count());
      banner_wait = std::min(banner_wait * 5 / 4, ssh.connect_timeout);
      continue;
    }
    if (state == PortState::banner) {
      transports::SshOptions attempt = ssh;
      attempt.connect_timeout = std::min(ssh.connect_timeout, remaining);
      auto connected = transports::connect_ssh(endpoint, attempt);
      if (connected) return std::move(*connected);
      login_error = connected.error();
    } else {
      port_state = "the connection to the guest's port 22 was refused or closed";
    }
    std::this_thread::sleep_for(std::min<Clock::duration>(k_poll_pause, std::max<Clock::duration>(deadline - Clock::now(), 0s)));
  }
}

}  // namespace

OpenResult boot_vm(const TargetSpec& spec, const TargetOptions& options) {
  const VmOptions& vm = options.vm;
  const std::string disk = fs::absolute(spec.reference).string();
  const auto format = disk_format(disk);
  if (!format) return std::unexpected(format.error());

  auto host = std::make_shared<VmHost>();
  // Registered before anything exists, so a signal at any later point tears down what does.
  const auto teardown = TeardownRegistry::instance().add([host] { host->tear_down(); });
  auto target = std::make_unique<QemuTarget>(host, teardown, probes::Provenance{.target = spec.text, .image = disk, .hostname = util::host_name()});
  const auto run_dir = host->make_run_dir();
  if (!run_dir) return std::unexpected(run_dir.error());

  QemuLaunch launch{disk, *format, 0, (*run_dir / "serial.log").string(), hardware_kvm_usable(), std::nullopt, vm};
  transports::SshOptions ssh = options.ssh;
  ssh.known_hosts = (*run_dir / "known_hosts").string();
  ssh.accept_new_host_key = true;  // a fresh VM's host key is unknown by nature
  if (vm.cloud_init) {
    const auto public_key = make_ephemeral_key(*run_dir);
    if (!public_key) return std::unexpected(fmt::format("cannot make an SSH key for cloud-init: {}", public_key.error()));
    std::random_device random;
    const auto seed = render_cloud_init_seed(vm.user, *public_key, fmt::format("hallmark-{}-{:08x}", getpid(), random()));
    if (!seed) return std::unexpected(seed.error());
    const auto iso = write_seed_iso(*seed, run_dir->string());
    if (!iso) return std::unexpected(iso.error());
    launch.seed_iso = *iso;
    ssh.identity = (*run_dir / "id_ed25519").string();
  }

  fmt::print("hallmark: booting {} ({}) with qemu under {}; boot timeout {} s\n", disk, *format,
             launch.kvm ? "KVM" : "TCG (no hardware virtualisation here)", vm.boot_timeout.count());
  std::fflush(stdout);
  const auto start = Clock::now();
  for (int attempt = 1;; ++attempt) {
    const auto port = free_local_port();
    if (!port) return std::unexpected(port.error());
    launch.ssh_port = *port;
    if (auto started = host->start_qemu(qemu_argv(launch)); !started) return std::unexpected(started.error());
    auto transport = await_ssh(*host, transports::SshEndpoint{vm.user, "127.0.0.1", *port}, ssh, start, start + vm.boot_timeout);
    if (transport) {
      std::string host_key = host_key_fingerprint(*ssh.known_hosts);
      fmt::print("hallmark: the VM answers SSH on 127.0.0.1:{} after {:.1f} s; its {} was accepted for this run\n", *port,
                 std::chrono::duration<double>(Clock::now() - start).count(), host_key);
      std::fflush(stdout);
      target->attach(std::move(*transport), std::move(host_key));
      break;
    }
    if (transport.error().port_taken && attempt < k_port_attempts) {
      host->stop_qemu();
      continue;
    }
    return std::unexpected(fmt::format("the VM from {} did not come up: {}{}", disk, transport.error().message, host->logs()));
  }
  if (options.settle.count() > 0) std::this_thread::sleep_for(options.settle);
  return target;
}

}  // namespace hallmark::runner::targets::qemu
