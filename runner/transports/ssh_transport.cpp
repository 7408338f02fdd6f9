#include "runner/transports/ssh_transport.hpp"

#include <fcntl.h>
#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <poll.h>
#include <pwd.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>

#include <fmt/format.h>

#include "runner/transports/output_budget.hpp"
#include "runner/transports/shell_quote.hpp"
#include "util/text.hpp"

namespace hallmark::runner::transports {

namespace {

using namespace std::chrono_literals;

constexpr auto k_poll_slice = 50ms;        // longest a waiting call sleeps before it looks again
constexpr auto k_keepalive_idle = 15s;     // silence after which a waiting call sends an ignore message
constexpr std::size_t k_chunk = 64 * 1024;
constexpr int k_reads_per_step = 16;       // so that one busy channel cannot hog the lock

struct KeyFree {
  void operator()(ssh_key key) const { ssh_key_free(key); }
};
using KeyPtr = std::unique_ptr<ssh_key_struct, KeyFree>;

struct TextFree {
  void operator()(char* text) const { ssh_string_free_char(text); }
};
using LibsshText = std::unique_ptr<char, TextFree>;

struct SessionFree {
  void operator()(ssh_session session) const {
    ssh_disconnect(session);
    ssh_free(session);
  }
};
using SessionPtr = std::unique_ptr<ssh_session_struct, SessionFree>;

bool connection_dropped(ssh_session session) {
  return ssh_is_connected(session) == 0 || (ssh_get_status(session) & (SSH_CLOSED | SSH_CLOSED_ERROR)) != 0;
}

std::string default_known_hosts() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') {
    const passwd* entry = getpwuid(getuid());
    home = entry != nullptr ? entry->pw_dir : "/";
  }
  return fmt::format("{}/.ssh/known_hosts", home);
}

// How known_hosts and ssh-keygen -R name the host: "HOST", or "[HOST]:PORT" off port 22.
std::string known_hosts_name(const SshEndpoint& endpoint) {
  return endpoint.port == 22 ? endpoint.host : fmt::format("[{}]:{}", endpoint.host, endpoint.port);
}

// "ssh-ed25519 key SHA256:...", for messages about the server's host key.
std::expected<std::string, std::string> describe_host_key(ssh_session session) {
  ssh_key raw = nullptr;
  if (ssh_get_server_publickey(session, &raw) != SSH_OK) {
    return std::unexpected(fmt::format("the server sent no host key: {}", ssh_get_error(session)));
  }
  const KeyPtr key(raw);
  unsigned char* hash = nullptr;
  std::size_t length = 0;
  if (ssh_get_publickey_hash(key.get(), SSH_PUBLICKEY_HASH_SHA256, &hash, &length) != SSH_OK) {
    return std::unexpected("cannot hash the server's host key");
  }
  const LibsshText fingerprint(ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length));
  ssh_clean_pubkey_hash(&hash);
  return fmt::format("{} key {}", ssh_key_type_to_char(ssh_key_type(key.get())), fingerprint ? fingerprint.get() : "?");
}

std::expected<void, std::string> verify_host_key(ssh_session session, const SshEndpoint& endpoint,
                                                 const SshOptions& options, const std::string& known_hosts) {
  const auto key = describe_host_key(session);
  if (!key) return std::unexpected(fmt::format("cannot verify {}: {}", endpoint.str(), key.error()));
  switch (ssh_session_is_known_server(session)) {
    case SSH_KNOWN_HOSTS_OK:
      return {};
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:
      return std::unexpected(fmt::format(
          "REFUSED: THE HOST KEY OF {} HAS CHANGED. The server now presents {}, which is not the key recorded for "
          "it in {}. Someone may be intercepting the connection (man-in-the-middle), or the host was reinstalled. "
          "hallmark never accepts a changed key, not even with --accept-new-host-key; if the change is expected, "
          "remove the old entry (ssh-keygen -R '{}' -f {}) and connect again.",
          endpoint.str(), *key, known_hosts, known_hosts_name(endpoint), known_hosts));
    case SSH_KNOWN_HOSTS_NOT_FOUND:
    case SSH_KNOWN_HOSTS_UNKNOWN: {
      if (options.accept_new_host_key) {
        if (ssh_session_update_known_hosts(session) != SSH_OK) {
          return std::unexpected(fmt::format("cannot record the host key of {} in {}: {}", endpoint.str(), known_hosts,
                                             ssh_get_error(session)));
        }
        return {};
      }
      char* raw_line = nullptr;
      const int exported = ssh_session_export_known_hosts_entry(session, &raw_line);
      const LibsshText line(raw_line);
      return std::unexpected(fmt::format(
          "the host key of {} is unknown: the server presents {}, and {} has no entry for it. If that is the "
          "host's key, add this line to {}:\n{}\nor run again with --accept-new-host-key to record it.",
          endpoint.str(), *key, known_hosts, known_hosts,
          exported == SSH_OK && line ? util::without_trailing(line.get(), "\r\n") : "(the line could not be made)"));
    }
    case SSH_KNOWN_HOSTS_ERROR:
      break;
  }
  return std::unexpected(fmt::format("cannot check the host key of {} against {}: {}", endpoint.str(), known_hosts,
                                     ssh_get_error(session)));
}

std::expected<void, std::string> authenticate(ssh_session session, const SshEndpoint& endpoint,
                                              const SshOptions& options) {
  const std::string who = fmt::format("{}@{}", endpoint.user, endpoint.host);
  if (options.identity) {
    ssh_key raw = nullptr;
    if (ssh_pki_import_privkey_file(options.identity->c_str(), nullptr, nullptr, nullptr, &raw) != SSH_OK) {
      return std::unexpected(fmt::format(
          "cannot load the private key {} (it must exist and have no passphrase; use ssh-agent for keys with one)",
          *options.identity));
    }
    const KeyPtr key(raw);
    const int result = ssh_userauth_publickey(session, nullptr, key.get());
    if (result == SSH_AUTH_SUCCESS) return {};
    if (result == SSH_AUTH_ERROR) {
      return std::unexpected(fmt::format("authentication as {} failed: {}", who, ssh_get_error(session)));
    }
    return std::unexpected(
        fmt::format("authentication as {} failed: the server refused the key {}", who, *options.identity));
  }
  const char* agent = std::getenv("SSH_AUTH_SOCK");
  if (agent == nullptr || *agent == '\0') {
    return std::unexpected(fmt::format(
        "cannot authenticate as {}: no --identity was given and no ssh-agent runs (SSH_AUTH_SOCK is not set)", who));
  }
  const int result = ssh_userauth_agent(session, nullptr);
  if (result == SSH_AUTH_SUCCESS) return {};
  if (result == SSH_AUTH_ERROR) {
    return std::unexpected(fmt::format("authentication as {} failed: {}", who, ssh_get_error(session)));
  }
  return std::unexpected(
      fmt::format("authentication as {} failed: the server refused every key of the ssh-agent at {}", who, agent));
}

// When sudo itself refused (it ran nothing): why, naming sudo. sudo exits 1 and prints only
// its own "sudo: ..." lines; a shell that cannot find sudo exits 127.
std::optional<std::string> sudo_refusal(const ExecResult& result, const SshEndpoint& endpoint) {
  std::vector<std::string_view> lines;
  for (std::string_view rest = result.err; !rest.empty();) {
    const auto end = rest.find('\n');
    if (const std::string_view line = rest.substr(0, end); !line.empty()) lines.push_back(line);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  }
  if (lines.empty() || !result.out.empty()) return std::nullopt;
  if (result.exit_code == 1 && std::ranges::all_of(lines, [](std::string_view l) { return l.starts_with("sudo:"); })) {
    return fmt::format("sudo refused: {}", lines.back());
  }
  if (result.exit_code == 127 && lines.back().find("sudo") != std::string_view::npos) {
    return fmt::format("sudo refused: sudo cannot be run as {}: {}", endpoint.str(), lines.back());
  }
  return std::nullopt;
}

enum class Progress { none, some, finished };

// Why a step failed; `libssh` when ssh_get_error tells the rest.
struct StepError {
  std::string what;
  bool libssh = true;
};

// One command on its own channel, advanced a step at a time without blocking. The caller
// holds the transport's lock for every call, destruction (which closes the channel) included.
class ChannelRun {
 public:
  ChannelRun(ssh_session session, std::string command, std::string_view input)
      : session_(session), channel_(ssh_channel_new(session)), command_(std::move(command)), input_(input) {
    ssh_callbacks_init(&callbacks_);
    callbacks_.userdata = this;
    callbacks_.channel_close_function = [](ssh_session, ssh_channel, void* self) {
      static_cast<ChannelRun*>(self)->closed_ = true;
    };
    callbacks_.channel_exit_signal_function = [](ssh_session, ssh_channel, const char* signal, int, const char*,
                                                 const char*, void* self) {
      static_cast<ChannelRun*>(self)->signal_ = signal != nullptr ? signal : "?";
    };
    if (channel_ != nullptr) ssh_set_channel_callbacks(channel_, &callbacks_);
  }

  ~ChannelRun() {
    if (channel_ == nullptr) return;
    ssh_remove_channel_callbacks(channel_, &callbacks_);
    ssh_channel_close(channel_);
    ssh_channel_free(channel_);
  }

  ChannelRun(const ChannelRun&) = delete;
  ChannelRun& operator=(const ChannelRun&) = delete;

  std::expected<Progress, StepError> step() {
    if (channel_ == nullptr) return std::unexpected(StepError{"cannot create a channel"});
    if (stage_ == Stage::opening) {
      const int rc = ssh_channel_open_session(channel_);
      if (rc == SSH_AGAIN) return Progress::none;
      if (rc != SSH_OK) return std::unexpected(StepError{"cannot open a channel"});
      stage_ = Stage::starting;
    }
    if (stage_ == Stage::starting) {
      const int rc = ssh_channel_request_exec(channel_, command_.c_str());
      if (rc == SSH_AGAIN) return Progress::none;
      if (rc != SSH_OK) return std::unexpected(StepError{"the server would not run the command"});
      stage_ = Stage::running;
    }
    return pump();
  }

  // Asks the server to kill the command (best effort: servers may ignore it).
  void kill() {
    if (stage_ == Stage::running) ssh_channel_request_send_signal(channel_, "KILL");
  }

  ExecResult& result() { return result_; }

 private:
  enum class Stage { opening, starting, running };

  std::expected<Progress, StepError> pump() {
    auto progressed = write_input();
    if (!progressed) return std::unexpected(progressed.error());
    for (const int stream : {0, 1}) {
      std::string& sink = stream == 0 ? result_.out : result_.err;
      bool& eof = stream == 0 ? out_eof_ : err_eof_;
      for (int reads = 0; !eof && reads < k_reads_per_step; ++reads) {
        const int n = ssh_channel_read_nonblocking(channel_, buffer_.data(), buffer_.size(), stream);
        if (n > 0) {
          if (!budget_.append(sink, {buffer_.data(), static_cast<std::size_t>(n)})) {
            kill();
            return std::unexpected(StepError{budget_.exceeded(), false});
          }
          *progressed = true;
          continue;
        }
        if (n == SSH_EOF) eof = true;
        else if (n < 0) return std::unexpected(StepError{"reading the command's output failed"});
        break;
      }
    }
    if (out_eof_ && err_eof_) {
      // Non-blocking session: this reads what has arrived and returns -1 while no status came.
      const int status = ssh_channel_get_exit_status(channel_);
      if (status >= 0) {
        result_.exit_code = status;
        return Progress::finished;
      }
      if (connection_dropped(session_)) return std::unexpected(StepError{"waiting for the exit status failed"});
      if (signal_) {
        return std::unexpected(StepError{fmt::format("the command was killed by signal {}", *signal_), false});
      }
      if (closed_) return std::unexpected(StepError{"the command ended without an exit status", false});
    }
    return *progressed ? Progress::some : Progress::none;
  }

  // Sends as much input as the channel's window takes, then EOF. Never more than the window:
  // a blocked write would stop us reading output the command may be blocked on writing.
  std::expected<bool, StepError> write_input() {
    if (eof_sent_) return false;
    bool progressed = false;
    while (written_ < input_.size()) {
      const std::size_t window = ssh_channel_window_size(channel_);
      if (window == 0) return progressed;
      const std::size_t chunk = std::min({input_.size() - written_, window, k_chunk});
      const int n = ssh_channel_write(channel_, input_.data() + written_, static_cast<std::uint32_t>(chunk));
      if (n < 0 && n != SSH_AGAIN) {
        if (!command_gone()) return std::unexpected(StepError{"sending input failed"});
        written_ = input_.size();  // nobody reads the rest
        break;
      }
      if (n <= 0) return progressed;
      written_ += static_cast<std::size_t>(n);
      progressed = true;
    }
    if (ssh_channel_send_eof(channel_) == SSH_ERROR && !command_gone()) {
      return std::unexpected(StepError{"closing the command's input failed"});
    }
    eof_sent_ = true;
    return true;
  }

  bool command_gone() const { return closed_ || ssh_channel_is_eof(channel_) != 0; }

  ssh_session session_;
  ssh_channel channel_;
  ssh_channel_callbacks_struct callbacks_{};
  std::string command_;
  std::string_view input_;
  Stage stage_ = Stage::opening;
  std::size_t written_ = 0;
  bool eof_sent_ = false;
  bool out_eof_ = false;
  bool err_eof_ = false;
  bool closed_ = false;
  std::optional<std::string> signal_;
  OutputBudget budget_;
  ExecResult result_;
  std::array<char, k_chunk> buffer_;
};

}  // namespace

std::string SshEndpoint::str() const {
  return host.find(':') == std::string::npos ? fmt::format("{}@{}:{}", user, host, port)
                                              : fmt::format("{}@[{}]:{}", user, host, port);
}

SshTransport::SshTransport(ssh_session_struct* session, SshEndpoint endpoint, bool sudo)
    : session_(session),
      endpoint_(std::move(endpoint)),
      sudo_(sudo),
      wake_fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)),
      last_traffic_(Clock::now()) {}

SshTransport::~SshTransport() {
  const std::lock_guard lock(mutex_);
  SessionFree{}(session_);
  if (wake_fd_ >= 0) close(wake_fd_);
}

std::string SshTransport::describe() const { return fmt::format("ssh {}", endpoint_.str()); }

std::string SshTransport::failure(std::string_view what) {
  if (!lost_ && connection_dropped(session_)) {
    const std::string reason = ssh_get_error(session_);
    lost_ = fmt::format("connection to {} lost: {}", endpoint_.str(), reason.empty() ? "the server closed it" : reason);
  }
  if (lost_) return *lost_;
  return fmt::format("{} on {}: {}", what, endpoint_.str(), ssh_get_error(session_));
}

bool SshTransport::socket_readable() {
  pollfd entry{ssh_get_fd(session_), POLLIN, 0};
  return entry.fd >= 0 && ::poll(&entry, 1, 0) > 0;
}

void SshTransport::wake_waiters() {
  traffic_.notify_all();
  if (polling_) {
    const std::uint64_t one = 1;
    (void)!::write(wake_fd_, &one, sizeof one);
  }
}

void SshTransport::await_traffic(std::unique_lock<std::mutex>& lock, Clock::time_point deadline) {
  const auto until = std::min(deadline, Clock::now() + k_poll_slice);
  if (polling_) {
    traffic_.wait_until(lock, until);
    return;
  }
  polling_ = true;
  std::array<pollfd, 2> entries{pollfd{ssh_get_fd(session_), POLLIN, 0}, pollfd{wake_fd_, POLLIN, 0}};
  lock.unlock();
  const auto wait = std::chrono::ceil<std::chrono::milliseconds>(until - Clock::now());
  const int ready = ::poll(entries.data(), entries.size(), static_cast<int>(std::max<long>(wait.count(), 0)));
  lock.lock();
  polling_ = false;
  if (entries[1].revents != 0) {
    std::uint64_t count = 0;
    (void)!::read(wake_fd_, &count, sizeof count);
  }
  const auto now = Clock::now();
  if (ready > 0 && entries[0].revents != 0) {
    last_traffic_ = now;
  } else if (now - last_traffic_ >= k_keepalive_idle) {
    ssh_send_ignore(session_, "hallmark keepalive");
    last_traffic_ = now;
  }
  traffic_.notify_all();
}

Execution SshTransport::exec(const std::vector<std::string>& argv,
                                                          std::string_view input,
                                                          std::chrono::milliseconds timeout) {
  if (argv.empty()) return std::unexpected("no command to run");
  if (std::ranges::any_of(argv, [](const std::string& word) { return word.find('\0') != std::string::npos; })) {
    return std::unexpected(fmt::format("cannot pass an argument holding a NUL byte over {}", describe()));
  }
  std::vector<std::string> words;
  if (sudo_) words = {"sudo", "-n", "--"};
  words.insert(words.end(), argv.begin(), argv.end());
  const auto deadline = Clock::now() + timeout;

  std::unique_lock lock(mutex_);
  if (lost_) return std::unexpected(*lost_);
  ChannelRun run(session_, shell_quote(words), input);
  for (;;) {
    const bool traffic = socket_readable();
    const auto progress = run.step();
    if (traffic) wake_waiters();  // this step may have read what other calls wait for
    if (!progress) {
      return std::unexpected(progress.error().libssh ? failure(progress.error().what)
                                                     : fmt::format("{} on {}", progress.error().what, endpoint_.str()));
    }
    if (*progress == Progress::finished) break;
    if (Clock::now() >= deadline) {
      run.kill();
      return std::unexpected(
          fmt::format("`{}` did not finish within {} ms on {}", argv.front(), timeout.count(), endpoint_.str()));
    }
    if (*progress == Progress::none) await_traffic(lock, deadline);
  }
  ExecResult result = std::move(run.result());
  if (sudo_) {
    // A refusal is the target's configuration: the same on every retry.
    if (auto refusal = sudo_refusal(result, endpoint_)) return std::unexpected(probes::deterministic_error(*refusal));
  }
  return result;
}

std::optional<std::string> SshTransport::connection_problem() {
  const std::lock_guard lock(mutex_);
  if (lost_) return lost_;
  // A server that went away has closed the socket: seen without reading from it.
  pollfd entry{ssh_get_fd(session_), POLLRDHUP, 0};
  if (connection_dropped(session_) || entry.fd < 0 ||
      (::poll(&entry, 1, 0) > 0 && (entry.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0)) {
    lost_ = fmt::format("connection to {} lost: the server closed it", endpoint_.str());
  }
  return lost_;
}

std::expected<std::unique_ptr<SshTransport>, std::string> connect_ssh(const SshEndpoint& endpoint,
                                                                      const SshOptions& options) {
  SessionPtr session(ssh_new());
  if (!session) return std::unexpected("cannot create an SSH session");
  const std::string known_hosts = options.known_hosts.value_or(default_known_hosts());
  const unsigned port = static_cast<unsigned>(endpoint.port);
  const long timeout_seconds = static_cast<long>(options.connect_timeout.count() / 1000);
  const long timeout_microseconds = static_cast<long>(options.connect_timeout.count() % 1000) * 1000;
  const int nodelay = 1;
  const bool process_config = false;  // ~/.ssh/config must not change what hallmark connects to
  ssh_session s = session.get();
  if (ssh_options_set(s, SSH_OPTIONS_HOST, endpoint.host.c_str()) < 0 ||
      ssh_options_set(s, SSH_OPTIONS_USER, endpoint.user.c_str()) < 0 ||
      ssh_options_set(s, SSH_OPTIONS_PORT, &port) < 0 ||
      ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout_seconds) < 0 ||
      ssh_options_set(s, SSH_OPTIONS_TIMEOUT_USEC, &timeout_microseconds) < 0 ||
      ssh_options_set(s, SSH_OPTIONS_NODELAY, &nodelay) < 0 ||
      ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &process_config) < 0 ||
      ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, known_hosts.c_str()) < 0) {
    return std::unexpected(fmt::format("bad SSH options for {}: {}", endpoint.str(), ssh_get_error(s)));
  }
  if (ssh_connect(s) != SSH_OK) {
    return std::unexpected(fmt::format("cannot connect to {}: {}", endpoint.str(), ssh_get_error(s)));
  }
  if (auto verified = verify_host_key(s, endpoint, options, known_hosts); !verified) {
    return std::unexpected(verified.error());
  }
  if (auto authenticated = authenticate(s, endpoint, options); !authenticated) {
    return std::unexpected(authenticated.error());
  }
  // From here on no libssh call waits: exec multiplexes its channels itself.
  ssh_set_blocking(s, 0);
  return std::unique_ptr<SshTransport>(new SshTransport(session.release(), endpoint, options.sudo));
}

}  // namespace hallmark::runner::transports
