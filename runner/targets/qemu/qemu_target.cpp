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
#include <functional>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <stop_token>
#include <thread>

#include <fmt/format.h>

#include "runner/targets/qemu/cloud_init_seed.hpp"
#include "runner/targets/qemu/disk_provenance.hpp"
#include "runner/targets/qemu/serial_console.hpp"
#include "runner/targets/qemu/vm_credentials.hpp"
#include "util/text_file.hpp"
#include "util/host_name.hpp"
#include "util/text.hpp"
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
constexpr auto k_dead_end_check = std::chrono::milliseconds{500};
constexpr int k_port_attempts = 3;
// A guest whose sshd refuses the key this often, over this long at least, will not accept it:
// cloud-init installs keys before sshd starts, so the wait only covers a slow first boot.
constexpr int k_refusals_to_give_up = 5;
constexpr auto k_refusal_patience = 20s;

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
  if (made->timed_out || made->exit_code != 0) return std::unexpected(fmt::format("ssh-keygen failed: {}", util::without_trailing(made->err, "\n ")));
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

// Why the boot cannot succeed, once qemu has ended or the firmware reached a dead end.
std::optional<BootFailure> boot_dead_end(VmHost& host) {
  const std::optional<std::string> dead_end = firmware_dead_end(host.console());
  if (auto ended = host.qemu_ended()) {
    return BootFailure{fmt::format("{} before SSH answered{}", *ended, dead_end ? ": " + *dead_end : ""), host.port_was_taken()};
  }
  if (dead_end) return BootFailure{fmt::format("{}; hallmark stopped qemu", *dead_end)};
  return std::nullopt;
}

// What a guest's port 22 did for a TCP connection through qemu's forward: `banner`, an SSH
// server spoke; `closed`, the guest refused (its network is up, sshd is not yet); `silent`,
// nothing (the guest's network is not up yet, or its sshd is slow).
enum class PortState { banner, closed, silent };

// qemu accepts a forwarded connection at once, whatever the guest does, so only what comes
// back tells whether sshd runs. Waits at most `wait` for it, and less (silent) as soon as
// `give_up` says the boot has ended, which it asks every k_dead_end_check.
PortState probe_guest_ssh(int port, std::chrono::milliseconds wait, const std::function<bool()>& give_up) {
  const int connection = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (connection < 0) return PortState::silent;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  PortState state = PortState::closed;
  if (connect(connection, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    pollfd readable{connection, POLLIN, 0};
    const auto until = Clock::now() + wait;
    int ready = 0;
    for (auto left = wait; ready == 0 && left > 0ms && !give_up();
         left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now())) {
      ready = poll(&readable, 1, static_cast<int>(std::min(left, k_dead_end_check).count()));
    }
    if (ready == 0) {
      state = PortState::silent;
    } else {
      char first = 0;
      state = recv(connection, &first, 1, 0) == 1 ? PortState::banner : PortState::closed;
    }
  }
  close(connection);
  return state;
}

// True when `error` (from connect_ssh) says sshd answered and refused the key.
bool is_key_refusal(const std::string& error) {
  return error.starts_with("authentication as ") && error.find(" refused ") != std::string::npos;
}

// Polls the guest's port 22 until sshd speaks, then logs in; repeats until that works, qemu
// ends, the firmware gives up, sshd keeps refusing the key or `deadline` passes. Each silent
// probe waits a little longer than the last, so a fast guest is seen soon after its sshd
// starts and a slow one still gets the time it needs.
std::expected<std::unique_ptr<transports::SshTransport>, BootFailure> await_ssh(VmHost& host, const transports::SshEndpoint& endpoint,
                                                                    const transports::SshOptions& ssh, Clock::time_point start,
                                                                    Clock::time_point deadline) {
  const ProgressReport progress(endpoint.port, start);
  auto banner_wait = std::min(k_first_banner_wait, ssh.connect_timeout);
  std::string port_state = "qemu did not forward the port yet";
  std::optional<std::string> login_error;  // the most telling failure, once sshd has spoken
  int refusals = 0;
  Clock::time_point first_refusal;
  for (;;) {
    if (auto dead_end = boot_dead_end(host)) return std::unexpected(std::move(*dead_end));
    const auto now = Clock::now();
    if (now >= deadline) {
      return std::unexpected(BootFailure{
          fmt::format("SSH did not answer on 127.0.0.1:{} within {:.0f} s (last attempt: {})", endpoint.port,
                      std::chrono::duration<double>(deadline - start).count(), login_error.value_or(port_state))});
    }
    const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now) + 1ms;
    const PortState state =
        probe_guest_ssh(endpoint.port, std::min(banner_wait, remaining), [&host] { return boot_dead_end(host).has_value(); });
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
      if (is_key_refusal(*login_error)) {
        if (refusals++ == 0) first_refusal = Clock::now();
        if (refusals >= k_refusals_to_give_up && Clock::now() - first_refusal >= k_refusal_patience) {
          return std::unexpected(BootFailure{fmt::format(
              "the guest refuses the key: its sshd answered on 127.0.0.1:{} and refused {} logins over {:.0f} s ({}); "
              "pass --cloud-init to inject a key, or an --identity the image authorizes for {}",
              endpoint.port, refusals, std::chrono::duration<double>(Clock::now() - first_refusal).count(), *login_error,
              endpoint.user)});
        }
      }
    } else {
      port_state = "the connection to the guest's port 22 was refused or closed";
    }
    std::this_thread::sleep_for(std::min<Clock::duration>(k_poll_pause, std::max<Clock::duration>(deadline - Clock::now(), 0s)));
  }
}

// The cloud-init seed for this run in RUN_DIR/seed.iso: it authorizes the ephemeral key
// (RUN_DIR/id_ed25519, which hallmark logs in with) and the public half of `identity` when
// given, with the user's own user-data and network-config when the options name them.
std::expected<std::string, std::string> make_seed(const VmOptions& vm, const std::optional<std::string>& identity, const fs::path& run_dir) {
  const auto ephemeral = make_ephemeral_key(run_dir);
  if (!ephemeral) return std::unexpected(fmt::format("cannot make an SSH key for cloud-init: {}", ephemeral.error()));
  std::vector<std::string> keys{*ephemeral};
  if (identity) {
    auto user_key = public_key_of(*identity);
    if (!user_key) return std::unexpected(user_key.error());
    keys.push_back(std::move(*user_key));
  }
  std::random_device random;
  auto seed = render_cloud_init_seed(vm.user, keys, fmt::format("hallmark-{}-{:08x}", getpid(), random()));
  if (!seed) return std::unexpected(seed.error());
  const auto read = [](const std::string& path) -> std::expected<std::string, std::string> {
    auto text = util::read_text_file(path);
    if (!text) return std::unexpected(fmt::format("cannot read {}", path));
    return std::move(*text);
  };
  if (vm.cloud_init_user_data) {
    const auto custom = read(*vm.cloud_init_user_data);
    if (!custom) return std::unexpected(custom.error());
    auto joined = with_custom_user_data(seed->user_data, *custom);
    if (!joined) return std::unexpected(fmt::format("{}: {}", *vm.cloud_init_user_data, joined.error()));
    seed->user_data = std::move(*joined);
  }
  if (vm.cloud_init_network_config) {
    auto network = read(*vm.cloud_init_network_config);
    if (!network) return std::unexpected(network.error());
    seed->network_config = std::move(*network);
  }
  return write_seed_iso(*seed, run_dir.string());
}

// This run's copy of the OVMF variable store (RUN_DIR/OVMF_VARS.fd), none for BIOS.
std::expected<std::optional<std::string>, std::string> copy_ovmf_vars(VmFirmware firmware, const fs::path& run_dir) {
  const auto ovmf = ovmf_files(firmware);
  if (!ovmf) return std::nullopt;
  std::error_code error;
  for (const std::string& file : {ovmf->code, ovmf->vars_template}) {
    if (!fs::exists(file, error)) {
      return std::unexpected(fmt::format("--vm-firmware {} needs {} (apt-get install ovmf)", firmware_name(firmware), file));
    }
  }
  const fs::path vars = run_dir / "OVMF_VARS.fd";
  if (!fs::copy_file(ovmf->vars_template, vars, error)) {
    return std::unexpected(fmt::format("cannot copy {}: {}", ovmf->vars_template, error.message()));
  }
  fs::permissions(vars, fs::perms::owner_read | fs::perms::owner_write, error);
  return vars.string();
}

}  // namespace

OpenResult boot_vm(const TargetSpec& spec, const TargetOptions& options) {
  const VmOptions& vm = options.vm;
  const std::string disk = fs::absolute(spec.reference).string();
  const auto identity = identify_disk(disk);
  if (!identity) return std::unexpected(identity.error());
  const std::string& format = identity->chain.front().format;
  const bool kvm = hardware_kvm_usable();
  const std::string cpu = guest_cpu(kvm, vm.cpu);

  probes::Provenance provenance{.target = spec.text, .image = disk, .image_id = "sha256:" + identity->sha256.front(),
                                .hostname = util::host_name(), .properties = disk_properties(*identity)};
  provenance.properties.insert(provenance.properties.end(), {{"qemu.version", qemu_version()},
                                                             {"qemu.accelerator", kvm ? "kvm" : "tcg"},
                                                             {"qemu.cpu", cpu},
                                                             {"qemu.firmware", std::string(firmware_name(vm.firmware))}});

  auto host = std::make_shared<VmHost>();
  // Registered before anything exists, so a signal at any later point tears down what does.
  const auto teardown = TeardownRegistry::instance().add([host] { host->tear_down(); });
  auto target = std::make_unique<QemuTarget>(host, teardown, std::move(provenance));
  const auto run_dir = host->make_run_dir();
  if (!run_dir) return std::unexpected(run_dir.error());

  QemuLaunch launch{.disk = disk, .disk_format = format, .serial_log = (*run_dir / "serial.log").string(), .kvm = kvm, .cpu = cpu, .vm = vm};
  const auto vars = copy_ovmf_vars(vm.firmware, *run_dir);
  if (!vars) return std::unexpected(vars.error());
  launch.ovmf_vars = *vars;
  transports::SshOptions ssh = options.ssh;
  ssh.known_hosts = (*run_dir / "known_hosts").string();
  ssh.accept_new_host_key = true;  // a fresh VM's host key is unknown by nature
  if (vm.cloud_init) {
    const auto iso = make_seed(vm, options.ssh.identity, *run_dir);
    if (!iso) return std::unexpected(iso.error());
    launch.seed_iso = *iso;
    ssh.identity = (*run_dir / "id_ed25519").string();
  }

  fmt::print("hallmark: booting {} ({}, {}) with qemu under {}, CPU {}; boot timeout {} s\n", disk, format, firmware_name(vm.firmware),
             launch.kvm ? "KVM" : "TCG (no hardware virtualisation here)", cpu, vm.boot_timeout.count());
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
