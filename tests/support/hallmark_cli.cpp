#include "support/hallmark_cli.hpp"

#include <gtest/gtest.h>

#include <cstring>

#include "runner/transports/process.hpp"
#include "util/text_file.hpp"

namespace hallmark::testing {

CliResult run_hallmark(const std::vector<std::string>& args, std::chrono::seconds timeout) {
  std::vector<std::string> argv{HALLMARK_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto result = runner::transports::run_process(argv, {}, timeout);
  if (!result) {
    ADD_FAILURE() << "cannot run hallmark: " << result.error();
    return {};
  }
  EXPECT_FALSE(result->timed_out) << "hallmark did not finish within " << timeout.count() << " s";
  return {result->exit_code, result->out, result->err};
}

std::string source_path(const std::string& relative) { return std::string(HALLMARK_SOURCE_DIR) + "/" + relative; }

std::string read_file(const std::string& path) { return util::read_text_file(path).value_or(""); }

}  // namespace hallmark::testing

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <thread>

namespace hallmark::testing {

BackgroundHallmark::BackgroundHallmark(const std::vector<std::string>& args, const std::string& output_file) {
  std::vector<std::string> argv_storage{HALLMARK_BINARY};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  const int error = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) {
    ADD_FAILURE() << "cannot start hallmark: " << std::strerror(error);
    pid_ = -1;
  }
}

BackgroundHallmark::~BackgroundHallmark() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

void BackgroundHallmark::signal(int signal_number) const {
  if (pid_ > 0) kill(pid_, signal_number);
}

int BackgroundHallmark::wait(std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (pid_ > 0) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
  return -1;
}

}  // namespace hallmark::testing
