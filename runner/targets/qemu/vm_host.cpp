#include "runner/targets/qemu/vm_host.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/process/v2/environment.hpp>

#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstring>
#include <string_view>
#include <thread>

#include <fmt/format.h>

#include "runner/targets/qemu/serial_console.hpp"
#include "util/process_identity.hpp"
#include "util/text.hpp"
#include "util/text_file.hpp"

namespace hallmark::runner::targets::qemu {

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::size_t k_serial_tail_lines = 100;
constexpr auto k_stop_grace = 5s;

// A run directory is named after its owner: hallmark-qemu-BOOTID-PID-STARTTICKS-XXXXXX.
constexpr std::string_view k_run_dir_prefix = "hallmark-qemu-";

// The owner a run directory's name gives, or nothing for a name of another shape.
std::optional<util::ProcessIdentity> run_dir_owner(std::string_view name) {
  if (!name.starts_with(k_run_dir_prefix)) return std::nullopt;
  name.remove_prefix(k_run_dir_prefix.size());
  constexpr std::size_t boot_id_size = 36;
  if (name.size() < boot_id_size + 1 || name[boot_id_size] != '-') return std::nullopt;
  util::ProcessIdentity owner{.boot_id = std::string(name.substr(0, boot_id_size))};
  const auto numbers = util::split(name.substr(boot_id_size + 1), '-');
  if (numbers.size() != 3) return std::nullopt;
  const auto pid = std::from_chars(numbers[0].data(), numbers[0].data() + numbers[0].size(), owner.pid);
  const auto ticks = std::from_chars(numbers[1].data(), numbers[1].data() + numbers[1].size(), owner.start_ticks);
  if (pid.ec != std::errc{} || ticks.ec != std::errc{}) return std::nullopt;
  return owner;
}

// Removes the run directories (with their throw-away private keys) that hallmarks killed
// before their teardown left in `temp`: those of this user whose owner no longer runs.
void remove_abandoned_run_dirs(const fs::path& temp) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(temp, error)) {
    const auto owner = run_dir_owner(entry.path().filename().string());
    struct stat info{};
    if (!owner || lstat(entry.path().c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != geteuid()) continue;
    if (util::is_running(*owner)) continue;
    std::error_code ignored;
    fs::remove_all(entry.path(), ignored);
  }
}

std::string read_text(const fs::path& path) { return util::read_text_file(path.string()).value_or(""); }

}  // namespace

std::expected<fs::path, std::string> VmHost::make_run_dir() {
  const std::lock_guard lock(mutex_);
  if (torn_down_) return std::unexpected("torn down");
  const fs::path temp = fs::temp_directory_path();
  remove_abandoned_run_dirs(temp);
  const util::ProcessIdentity& self = util::this_process();
  std::string pattern =
      (temp / fmt::format("{}{}-{}-{}-XXXXXX", k_run_dir_prefix, self.boot_id, self.pid, self.start_ticks)).string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return std::unexpected(fmt::format("cannot create a temporary directory: {}", std::strerror(errno)));
  }
  run_dir_ = pattern;
  return run_dir_;
}

std::expected<void, std::string> VmHost::start_qemu(std::vector<std::string> argv) {
  const auto executable = boost::process::v2::environment::find_executable(argv.front());
  if (executable.empty()) {
    return std::unexpected(fmt::format("'{}' is not installed (apt-get install qemu-system-x86)", argv.front()));
  }
  const std::string program = executable.string();
  std::vector<char*> raw;
  for (std::string& arg : argv) raw.push_back(arg.data());
  raw.push_back(nullptr);
  const pid_t parent = getpid();
  const std::lock_guard lock(mutex_);
  if (torn_down_) return std::unexpected("torn down");
  const std::string log = (run_dir_ / "qemu.log").string();
  const pid_t pid = fork();
  if (pid < 0) return std::unexpected(fmt::format("cannot start qemu: {}", std::strerror(errno)));
  if (pid == 0) {
    // Only async-signal-safe calls from here to exec. The signal mask is cleared because
    // hallmark blocks SIGINT/SIGTERM/SIGHUP for its signal thread and exec would keep that.
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    const int in = open("/dev/null", O_RDONLY);
    const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0) _exit(127);
    close_range(3, ~0U, 0);  // qemu holds none of hallmark's files or sockets
    execv(program.c_str(), raw.data());
    constexpr std::string_view failed = "hallmark: cannot execute qemu\n";
    (void)!write(2, failed.data(), failed.size());
    _exit(127);
  }
  pid_ = pid;
  ended_.reset();
  return {};
}

std::optional<std::string> VmHost::qemu_ended() {
  const std::lock_guard lock(mutex_);
  return reap(WNOHANG);
}

std::optional<std::string> VmHost::qemu_ended_within(Clock::duration patience) {
  const auto deadline = Clock::now() + patience;
  for (;;) {
    if (auto ended = qemu_ended()) return ended;
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(20ms);
  }
}

void VmHost::stop_qemu() {
  const std::lock_guard lock(mutex_);
  stop_locked();
}

void VmHost::tear_down() {
  const std::lock_guard lock(mutex_);
  torn_down_ = true;
  stop_locked();
  if (!run_dir_.empty()) {
    std::error_code ignored;
    fs::remove_all(run_dir_, ignored);
  }
}

std::string VmHost::logs() {
  const std::lock_guard lock(mutex_);
  if (run_dir_.empty()) return "";
  const std::string serial = last_lines(sanitised_console(read_text(run_dir_ / "serial.log")), k_serial_tail_lines);
  std::string text = serial.empty()
                         ? "\n(the serial console printed nothing)"
                         : fmt::format("\n--- last {} lines of the serial console ---\n{}", k_serial_tail_lines, serial);
  std::string messages = read_text(run_dir_ / "qemu.log");
  while (!messages.empty() && (messages.back() == '\n' || messages.back() == ' ')) messages.pop_back();
  if (!messages.empty()) text += fmt::format("\n--- qemu's messages ---\n{}", messages);
  return text;
}

std::string VmHost::console() {
  const std::lock_guard lock(mutex_);
  return run_dir_.empty() ? "" : sanitised_console(read_text(run_dir_ / "serial.log"));
}

bool VmHost::port_was_taken() {
  const std::lock_guard lock(mutex_);
  return read_text(run_dir_ / "qemu.log").find("host forwarding") != std::string::npos;
}

std::optional<std::string> VmHost::reap(int options) {
  if (ended_ || pid_ <= 0) return ended_;
  int status = 0;
  if (waitpid(pid_, &status, options) != pid_) return std::nullopt;
  ended_ = WIFEXITED(status) ? fmt::format("qemu exited with status {}", WEXITSTATUS(status))
                             : fmt::format("qemu was killed by signal {} ({})", WTERMSIG(status), strsignal(WTERMSIG(status)));
  return ended_;
}

void VmHost::stop_locked() {
  if (pid_ <= 0 || reap(WNOHANG)) return;
  kill(pid_, SIGTERM);
  const auto deadline = Clock::now() + k_stop_grace;
  while (!reap(WNOHANG) && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
  if (!ended_) {
    kill(pid_, SIGKILL);
    reap(0);
  }
}

}  // namespace hallmark::runner::targets::qemu
