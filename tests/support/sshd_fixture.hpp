#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "runner/transports/ssh_transport.hpp"

namespace hallmark::testing {

// Runs a program to its end and returns its stdout; throws std::runtime_error naming the
// program and quoting its stderr when it cannot start, times out or exits non-zero.
std::string run_checked(const std::vector<std::string>& argv,
                        std::chrono::seconds timeout = std::chrono::seconds{120});

// A port on 127.0.0.1 that nothing listened on a moment ago (bound to port 0, then released).
int free_loopback_port();

// Waits until 127.0.0.1:port accepts a connection; false after `timeout`.
bool wait_for_port(int port, std::chrono::milliseconds timeout);

// A mkdtemp directory (mode 0755, so that sshd can read authorized_keys as any user) with an
// ed25519 user key without passphrase and an authorized_keys file that admits it. Removed,
// with everything in it, on destruction.
class SshTestKeys {
 public:
  SshTestKeys();
  ~SshTestKeys();
  SshTestKeys(const SshTestKeys&) = delete;
  SshTestKeys& operator=(const SshTestKeys&) = delete;

  const std::string& dir() const { return dir_; }
  std::string user_key() const { return dir_ + "/user_ed25519"; }
  std::string authorized_keys() const { return dir_ + "/authorized_keys"; }
  // A known_hosts file of its own; absent until a client records a host key in it.
  std::string known_hosts() const { return dir_ + "/known_hosts"; }
  // The user key, this known_hosts, and a host seen for the first time accepted.
  runner::transports::SshOptions client_options() const;

 private:
  std::string dir_;
};

// A real OpenSSH server, `/usr/sbin/sshd -D -e -f CONFIG`, on 127.0.0.1 and a free port, with
// a fresh ed25519 host key and its own sshd_config beside the keys. Destruction kills exactly
// the processes it started (sshd and its sessions) and removes the directory. The constructor
// throws std::runtime_error, quoting sshd's log, when sshd does not come up.
class Sshd {
 public:
  Sshd();
  ~Sshd();
  Sshd(const Sshd&) = delete;
  Sshd& operator=(const Sshd&) = delete;

  int port() const { return port_; }
  const SshTestKeys& keys() const { return keys_; }
  runner::transports::SshEndpoint endpoint(const std::string& user = "root") const { return {user, "127.0.0.1", port_}; }
  // The host key as ssh-keygen wrote it: "ssh-ed25519 AAAA... comment".
  std::string host_public_key() const;
  // What sshd logged so far (it logs to a file in the directory).
  std::string log() const;

  // Kills every process that serves a connection; the listener stays. Clients see a drop.
  void kill_sessions();
  // Stops sshd and its sessions; the port is left unused.
  void stop();
  // Stops sshd, replaces its host key with a new one and starts it again on the same port.
  void restart_with_new_host_key();

 private:
  void start();
  std::string host_key() const { return keys_.dir() + "/host_ed25519"; }

  SshTestKeys keys_;
  int port_;
  pid_t pid_ = -1;
};

// A local account "hallmark-t-<pid>" with shell /bin/sh, home "/", no password and no sudo
// rights, for tests that must not run as root. Deleted, with its group, on destruction.
class TemporaryUser {
 public:
  TemporaryUser();
  ~TemporaryUser();
  TemporaryUser(const TemporaryUser&) = delete;
  TemporaryUser& operator=(const TemporaryUser&) = delete;

  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

// True when `docker info` answers, so that container tests can skip with a reason otherwise.
bool docker_available();

// sshd from the image hallmark-test/debian12:latest (built with tests/images/build-debian-image.sh
// when missing) in a container named hallmark-sshd-<pid> on the host network (`--network host`),
// listening on 127.0.0.1 and a free port, with the keys' authorized_keys mounted read-only.
// Removed with `docker rm -f` on destruction. Throws std::runtime_error when it does not come up.
class SshdContainer {
 public:
  SshdContainer();
  ~SshdContainer();
  SshdContainer(const SshdContainer&) = delete;
  SshdContainer& operator=(const SshdContainer&) = delete;

  int port() const { return port_; }
  const SshTestKeys& keys() const { return keys_; }
  runner::transports::SshEndpoint endpoint() const { return {"root", "127.0.0.1", port_}; }

 private:
  SshTestKeys keys_;
  std::string name_;
  int port_;
};

}  // namespace hallmark::testing
