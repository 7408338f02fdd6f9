#pragma once

#include <chrono>
#include <condition_variable>
#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "runner/transports/ssh_options.hpp"
#include "runner/transports/transport.hpp"

struct ssh_session_struct;

namespace hallmark::runner::transports {

// Where an SSH server is and whom to log in as.
struct SshEndpoint {
  std::string user;
  std::string host;  // a name or an address; an IPv6 address without brackets
  int port = 22;

  // "USER@HOST:PORT", with an IPv6 address in brackets: "root@[::1]:2222".
  std::string str() const;
};

// Runs commands on an SSH server over ONE libssh session, a new channel per command. Safe to
// call from several threads at once: every libssh call is serialised by a mutex, and the
// channels of concurrent calls progress together. Once the connection drops, every call
// fails at once with "connection to USER@HOST:PORT lost: ...".
class SshTransport final : public Transport {
 public:
  ~SshTransport() override;
  SshTransport(const SshTransport&) = delete;
  SshTransport& operator=(const SshTransport&) = delete;

  // Runs argv (quoted with shell_quote, so the login shell splits it back unchanged), wrapped
  // in `sudo -n --` when the options asked for sudo. Fails on a timeout, a lost connection, an
  // argument holding a NUL byte, or when sudo refuses ("sudo refused: <sudo's reason>").
  Execution exec(const std::vector<std::string>& argv, std::string_view input,
                                              std::chrono::milliseconds timeout) override;

  // "ssh USER@HOST:PORT"
  std::string describe() const override;

  // nullopt while the session is connected; otherwise why it is not.
  std::optional<std::string> connection_problem();

 private:
  friend std::expected<std::unique_ptr<SshTransport>, std::string> connect_ssh(const SshEndpoint&, const SshOptions&);
  SshTransport(ssh_session_struct* session, SshEndpoint endpoint, bool sudo);

  using Clock = std::chrono::steady_clock;

  // Why the last libssh call failed; a dropped connection is remembered for every later call.
  std::string failure(std::string_view what);
  // Sleeps, without the lock, until the socket has news, another call has consumed some (and
  // so may have filled this call's channel) or `deadline`, whichever comes first.
  void await_traffic(std::unique_lock<std::mutex>& lock, Clock::time_point deadline);
  void wake_waiters();
  bool socket_readable();

  ssh_session_struct* session_;
  const SshEndpoint endpoint_;
  const bool sudo_;
  std::mutex mutex_;  // guards every libssh call and everything below
  std::condition_variable traffic_;
  bool polling_ = false;  // one waiting caller polls the socket, the others wait on traffic_
  int wake_fd_;           // an eventfd that interrupts the polling caller
  Clock::time_point last_traffic_;
  std::optional<std::string> lost_;
};

// Connects, verifies the host key against known_hosts (an unknown key is refused with its
// fingerprint and the line to add, unless accept_new_host_key records it; a changed key is
// always refused) and authenticates with the identity file, else ssh-agent. Fails with why.
std::expected<std::unique_ptr<SshTransport>, std::string> connect_ssh(const SshEndpoint& endpoint,
                                                                      const SshOptions& options);

}  // namespace hallmark::runner::transports
