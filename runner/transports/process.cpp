#include "runner/transports/process.hpp"

#include <boost/asio.hpp>
#include <boost/process/v2.hpp>

#include <array>
#include <optional>

#include <fmt/format.h>

#include "runner/transports/output_budget.hpp"

namespace hallmark::runner::transports {

namespace asio = boost::asio;
namespace bp = boost::process::v2;

namespace {

// Reads a pipe to its end into `sink`, asynchronously; closes it, and calls `over_budget`,
// when the bytes do not fit the round trip's budget.
template <typename OverBudget>
void drain(asio::readable_pipe& pipe, std::string& sink, std::array<char, 65536>& buffer, OutputBudget& budget,
           OverBudget& over_budget) {
  pipe.async_read_some(asio::buffer(buffer), [&](boost::system::error_code ec, std::size_t n) {
    if (!budget.append(sink, {buffer.data(), n})) {
      boost::system::error_code ignored;
      pipe.close(ignored);  // a grandchild still writing gets EPIPE instead of blocking
      return over_budget();
    }
    if (!ec) drain(pipe, sink, buffer, budget, over_budget);
  });
}

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

  asio::io_context context;
  asio::writable_pipe in(context);
  asio::readable_pipe out(context), err(context);
  ProcessResult result;
  std::optional<bp::process> started;
  try {
    started.emplace(context, executable, std::vector<std::string>(argv.begin() + 1, argv.end()),
                    bp::process_stdio{in, out, err});
  } catch (const boost::system::system_error& error) {
    return std::unexpected(fmt::format("cannot start '{}': {}", argv.front(), error.what()));
  }
  bp::process& child = *started;

  std::array<char, 65536> out_buffer, err_buffer;
  OutputBudget budget;
  auto over_budget = [&] {
    if (!result.over_budget.empty()) return;
    result.over_budget = budget.exceeded();
    boost::system::error_code ignored;
    child.terminate(ignored);
  };
  drain(out, result.out, out_buffer, budget, over_budget);
  drain(err, result.err, err_buffer, budget, over_budget);
  asio::async_write(in, asio::buffer(input.data(), input.size()),
                    [&](boost::system::error_code, std::size_t) { in.close(); });

  asio::steady_timer deadline(context, timeout);
  deadline.async_wait([&](boost::system::error_code ec) {
    if (ec) return;  // cancelled: the child ended in time
    result.timed_out = true;
    boost::system::error_code ignored;
    child.terminate(ignored);
  });
  child.async_wait([&](boost::system::error_code ec, int exit_code) {
    if (!ec) result.exit_code = exit_code;
    deadline.cancel();
  });
  context.run();
  return result;
}

}  // namespace hallmark::runner::transports
