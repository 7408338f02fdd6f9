#include "tests/support/sshd_fixture.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "runner/transports/process.hpp"
#include "util/text_file.hpp"

namespace hallmark::testing {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view k_image = "hallmark-test/debian12:latest";

// A file's content, or "" when it cannot be read (a /proc entry of a process that just ended).
std::string read_text(const std::string& path) { return util::read_text_file(path).value_or(""); }

void write_text(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", path));
}

void make_key(const std::string& path, const std::string& comment) {
  run_checked({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path});
}

// Every process whose chain of parents leads to `root` (root excluded), read from /proc.
std::vector<pid_t> descendants_of(pid_t root) {
  std::multimap<pid_t, pid_t> children;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string stat = read_text(entry.path() / "stat");
    const auto close = stat.rfind(')');  // the command name may hold spaces and parentheses
    if (close == std::string::npos) continue;
    std::istringstream fields(stat.substr(close + 2));
    char state = 0;
    pid_t parent = 0;
    if (fields >> state >> parent) children.emplace(parent, std::stoi(name));
  }
  std::vector<pid_t> found;
  std::vector<pid_t> pending{root};
  while (!pending.empty()) {
    const pid_t parent = pending.back();
    pending.pop_back();
    for (auto [it, end] = children.equal_range(parent); it != end; ++it) {
      found.push_back(it->second);
      pending.push_back(it->second);
    }
  }
  return found;
}

}  // namespace

std::string run_checked(const std::vector<std::string>& argv, std::chrono::seconds timeout) {
  auto result = runner::transports::run_process(argv, {}, timeout);
  if (!result) throw std::runtime_error(result.error());
  if (result->timed_out || result->exit_code != 0) {
    throw std::runtime_error(fmt::format("`{}` {}: {}{}", fmt::join(argv, " "),
                                         result->timed_out ? "timed out" : fmt::format("exited {}", result->exit_code),
                                         result->err, result->out));
  }
  return result->out;
}

int free_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) close(fd);
    throw std::runtime_error("cannot find a free port on 127.0.0.1");
  }
  close(fd);
  return ntohs(address.sin_port);
}

bool wait_for_port(int port, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  do {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool accepted = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    if (accepted) return true;
    std::this_thread::sleep_for(20ms);
  } while (std::chrono::steady_clock::now() < deadline);
  return false;
}

SshTestKeys::SshTestKeys() {
  std::string pattern = (fs::temp_directory_path() / "hallmark-ssh-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec);
  make_key(user_key(), "hallmark-test-user");
  write_text(authorized_keys(), read_text(user_key() + ".pub"));
}

SshTestKeys::~SshTestKeys() {
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

runner::transports::SshOptions SshTestKeys::client_options() const {
  runner::transports::SshOptions options;
  options.identity = user_key();
  options.known_hosts = known_hosts();
  options.accept_new_host_key = true;
  options.connect_timeout = 10s;
  return options;
}

Sshd::Sshd() : port_(free_loopback_port()) {
  make_key(host_key(), "hallmark-test-host");
  std::string text = fmt::format(
      "ListenAddress 127.0.0.1:{port}\n"
      "HostKey {host_key}\n"
      "PidFile {dir}/sshd.pid\n"
      "AuthorizedKeysFile {keys}\n"
      "StrictModes no\n"
      "PubkeyAuthentication yes\n"
      "PasswordAuthentication no\n"
      "KbdInteractiveAuthentication no\n"
      "UsePAM no\n"
      "PermitRootLogin prohibit-password\n"
      "LogLevel VERBOSE\n",
      fmt::arg("port", port_), fmt::arg("host_key", host_key()), fmt::arg("dir", keys_.dir()),
      fmt::arg("keys", keys_.authorized_keys()));
  write_text(keys_.dir() + "/sshd_config", text);
  start();
}

Sshd::~Sshd() { stop(); }

std::string Sshd::host_public_key() const { return read_text(host_key() + ".pub"); }

std::string Sshd::log() const { return read_text(keys_.dir() + "/sshd.log"); }

void Sshd::start() {
  // sshd refuses to start without its privilege separation directory.
  std::error_code ignored;
  fs::create_directories("/run/sshd", ignored);
  const std::string config = keys_.dir() + "/sshd_config";
  const std::string log = keys_.dir() + "/sshd.log";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<std::string> words{"/usr/sbin/sshd", "-D", "-e", "-f", config};
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error(fmt::format("cannot start /usr/sbin/sshd: {}", strerror(spawned)));

  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!wait_for_port(port_, 100ms)) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_ || std::chrono::steady_clock::now() > deadline) {
      stop();
      throw std::runtime_error(fmt::format("sshd did not come up on 127.0.0.1:{}; its log:\n{}", port_, this->log()));
    }
  }
}

void Sshd::kill_sessions() {
  if (pid_ <= 0) return;
  for (const pid_t session : descendants_of(pid_)) kill(session, SIGKILL);
}

void Sshd::stop() {
  if (pid_ <= 0) return;
  kill_sessions();
  kill(pid_, SIGTERM);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(10ms);
  }
  pid_ = -1;
}

void Sshd::restart_with_new_host_key() {
  stop();
  fs::remove(host_key());
  fs::remove(host_key() + ".pub");
  make_key(host_key(), "hallmark-test-host-new");
  start();
}

TemporaryUser::TemporaryUser() : name_(fmt::format("hallmark-t-{}", getpid())) {
  run_checked({"useradd", "--no-create-home", "--home-dir", "/", "--shell", "/bin/sh", "--password", "*", name_});
}

TemporaryUser::~TemporaryUser() {
  // The account's sshd sessions may still be ending after their clients disconnected.
  for (int attempt = 0; attempt < 50; ++attempt) {
    const auto deleted = runner::transports::run_process({"userdel", "--force", name_}, {}, 60s);
    if (!deleted || deleted->exit_code == 0 || deleted->exit_code == 6) return;  // 6: no such user
    std::this_thread::sleep_for(100ms);
  }
}

bool docker_available() {
  const auto info = runner::transports::run_process({"docker", "info", "--format", "{{.ServerVersion}}"}, {}, 30s);
  return info && !info->timed_out && info->exit_code == 0;
}

SshdContainer::SshdContainer() : name_(fmt::format("hallmark-sshd-{}", getpid())), port_(free_loopback_port()) {
  const std::string image(k_image);
  if (const auto present = runner::transports::run_process({"docker", "image", "inspect", image}, {}, 60s);
      !present || present->exit_code != 0) {
    run_checked({HALLMARK_SOURCE_DIR "/tests/images/build-debian-image.sh", image}, 3600s);
  }
  (void)runner::transports::run_process({"docker", "rm", "-f", name_}, {}, 60s);  // left over by a crashed run
  run_checked({"docker", "run", "--detach", "--network", "host", "--name", name_, "--volume",
               keys_.authorized_keys() + ":/etc/hallmark-test/authorized_keys:ro", image, "/usr/sbin/sshd", "-D", "-e",
               "-p", std::to_string(port_), "-o", "ListenAddress=127.0.0.1", "-o",
               "AuthorizedKeysFile=/etc/hallmark-test/authorized_keys", "-o", "StrictModes=no", "-o",
               "PasswordAuthentication=no", "-o", "UsePAM=no", "-o", "PermitRootLogin=prohibit-password"});
  if (!wait_for_port(port_, 30s)) {
    const auto logs = runner::transports::run_process({"docker", "logs", name_}, {}, 30s);
    (void)runner::transports::run_process({"docker", "rm", "-f", name_}, {}, 60s);
    throw std::runtime_error(fmt::format("sshd in container {} did not come up on 127.0.0.1:{}: {}", name_, port_,
                                         logs ? logs->out + logs->err : logs.error()));
  }
}

SshdContainer::~SshdContainer() { (void)runner::transports::run_process({"docker", "rm", "-f", name_}, {}, 60s); }

}  // namespace hallmark::testing
