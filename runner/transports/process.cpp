#include "runner/transports/process.hpp"

#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/process/v2.hpp>

#include <algorithm>
#include <array>
#include <csignal>
#include <functional>
#include <optional>

#include <fmt/format.h>

#include "runner/transports/output_budget.hpp"

namespace hallmark::runner::transports {

namespace asio = boost::asio;
namespace bp = boost::process::v2;

namespace {

using namespace std::chrono_literals;

// How long the pipes are still read after the direct child exited: a background descendant
// that inherited them (podman's conmon, `sleep 30 &`) would otherwise hold them open for good.
constexpr auto k_drain_after_exit = 2s;

// Reads a pipe to its end (or until it is closed) into `sink`, asynchronously; then `at_end`.
// When the bytes do not fit the round trip's budget it closes the pipe and calls `over_budget`.
template <typename OverBudget>
void drain(asio::readable_pipe& pipe, std::string& sink, std::array<char, 65536>& buffer, OutputBudget& budget,
           OverBudget& over_budget, std::function<void()> at_end) {
  pipe.async_read_some(asio::buffer(buffer), [&, at_end = std::move(at_end)](boost::system::error_code ec, std::size_t n) mutable {
    if (!budget.append(sink, {buffer.data(), n})) {
      boost::system::error_code ignored;
      pipe.close(ignored);  // a grandchild still writing gets EPIPE instead of blocking
      over_budget();
      return at_end();
    }
    if (ec) return at_end();
    drain(pipe, sink, buffer, budget, over_budget, std::move(at_end));
  });
}

// In the child, before exec (async-signal-safe calls only), what exec would otherwise carry over:
// - hallmark's signal state: SIGINT/SIGTERM/SIGHUP are blocked for its signal thread and SIGPIPE
//   is ignored, and a child keeps both across exec (a command on a local target could not be
//   stopped with TERM, `yes | head` would not end). The child starts with the defaults.
// - descriptors from 3 up, but those the launcher keeps. Boost 1.81's own close_all skips the
//   descriptors between two kept ones (it compares each with itself), so the pipes that other
//   threads had just opened for their own children leaked into this one; a background
//   descendant (a target's watchdog, podman's conmon) then kept those pipes, and so another
//   call, waiting. Listed after process_stdio, which has placed 0-2 by then.
struct ChildSetup {
  template <class Launcher>
  boost::system::error_code on_exec_setup(Launcher& launcher, const bp::filesystem::path&, const char* const*&) {
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    ::sigaction(SIGPIPE, &default_action, nullptr);

    std::sort(launcher.fd_whitelist.begin(), launcher.fd_whitelist.end());  // in place: no allocation after fork
    unsigned int from = 3;
    for (const int fd : launcher.fd_whitelist) {
      if (fd < 0 || static_cast<unsigned int>(fd) < from) continue;
      close_range_or_each(from, static_cast<unsigned int>(fd) - 1);
      from = static_cast<unsigned int>(fd) + 1;
    }
    close_range_or_each(from, ~0U);
    return {};
  }

  static void close_range_or_each(unsigned int first, unsigned int last) {
    if (first > last || ::syscall(SYS_close_range, first, last, 0) == 0) return;
    // Kernels before 5.9 have no close_range: one close per possible descriptor.
    const long limit = ::sysconf(_SC_OPEN_MAX);
    for (long fd = first; fd <= static_cast<long>(last) && fd < limit; ++fd) ::close(static_cast<int>(fd));
  }
};

}  // namespace

std::expected<ProcessResult, std::string> run_process(const std::vector<std::string>& argv,
                                                      std::string_view input,
                                                      std::chrono::milliseconds timeout) {
  if (argv.empty()) return std::unexpected("no program to run");
  // A name with a slash is a path, as execvp(3) treats it; anything else is looked up in PATH.
  const auto executable = argv.front().find('/') != std::string::npos
                              ? bp::filesystem::path(argv.front())
                              : bp::environment::find_executable(argv.front());
  if (executable.empty()) return std::unexpected(fmt::format("'{}' is not installed (not found in PATH)", argv.front()));

  // A child may exit without reading its input: writing to it must fail with EPIPE, not end
  // hallmark with SIGPIPE. Children get the default back (ChildSetup).
  static const bool sigpipe_ignored = [] { return std::signal(SIGPIPE, SIG_IGN) != SIG_ERR; }();
  (void)sigpipe_ignored;

  asio::io_context context;
  asio::writable_pipe in(context);
  asio::readable_pipe out(context), err(context);
  ProcessResult result;
  std::optional<bp::process> started;
  try {
    started.emplace(context, executable, std::vector<std::string>(argv.begin() + 1, argv.end()),
                    bp::process_stdio{in, out, err}, ChildSetup{});
  } catch (const boost::system::system_error& error) {
    return std::unexpected(fmt::format("cannot start '{}': {}", argv.front(), error.what()));
  }
  bp::process& child = *started;

  // The call ends when the child has exited and both pipes are at their end, or the drain
  // after the exit is over, or the deadline has passed: whichever comes first.
  asio::steady_timer deadline(context, timeout), drained(context);
  bool exited = false;
  int pipes_open = 2;
  const auto close_pipes = [&] {
    boost::system::error_code ignored;
    in.close(ignored);
    out.close(ignored);
    err.close(ignored);
  };
  const auto finish_when_done = [&] {
    if (!exited || pipes_open > 0) return;
    deadline.cancel();
    drained.cancel();
    close_pipes();  // a stdin write the child never read must not keep the call open
  };
  const auto pipe_ended = [&] {
    --pipes_open;
    finish_when_done();
  };

  std::array<char, 65536> out_buffer, err_buffer;
  OutputBudget budget;
  auto over_budget = [&] {
    if (!result.over_budget.empty()) return;
    result.over_budget = budget.exceeded();
    boost::system::error_code ignored;
    if (!exited) child.terminate(ignored);
  };
  drain(out, result.out, out_buffer, budget, over_budget, pipe_ended);
  drain(err, result.err, err_buffer, budget, over_budget, pipe_ended);
  asio::async_write(in, asio::buffer(input.data(), input.size()), [&](boost::system::error_code, std::size_t) {
    boost::system::error_code ignored;
    in.close(ignored);
  });

  deadline.async_wait([&](boost::system::error_code ec) {
    if (ec) return;  // cancelled: the call finished in time
    result.timed_out = true;
    boost::system::error_code ignored;
    if (!exited) child.terminate(ignored);
    close_pipes();
  });
  child.async_wait([&](boost::system::error_code ec, int exit_code) {
    if (!ec) result.exit_code = exit_code;
    exited = true;
    drained.expires_after(k_drain_after_exit);
    drained.async_wait([&](boost::system::error_code ec) {
      if (!ec) close_pipes();  // a descendant still holds them: return what was read
    });
    finish_when_done();
  });
  context.run();
  return result;
}

}  // namespace hallmark::runner::transports
