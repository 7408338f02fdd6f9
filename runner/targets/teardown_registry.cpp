#include "runner/targets/teardown_registry.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>
#include <vector>

#include <fmt/format.h>

namespace hallmark::runner::targets {

TeardownRegistry& TeardownRegistry::instance() {
  static TeardownRegistry registry;
  return registry;
}

TeardownRegistry::Handle TeardownRegistry::add(std::function<void()> action) {
  const std::lock_guard lock(mutex_);
  actions_.emplace(next_, std::move(action));
  return next_++;
}

void TeardownRegistry::run(Handle handle) {
  std::function<void()> action;
  {
    const std::lock_guard lock(mutex_);
    const auto found = actions_.find(handle);
    if (found == actions_.end()) return;
    action = std::move(found->second);
    actions_.erase(found);
  }
  const std::lock_guard running(running_);
  action();
}

void TeardownRegistry::run_all() {
  const std::lock_guard running(running_);
  std::map<Handle, std::function<void()>> actions;
  {
    const std::lock_guard lock(mutex_);
    actions.swap(actions_);
  }
  for (auto& [handle, action] : actions) action();
}

namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};

}  // namespace

std::optional<int> interrupting_signal() {
  const int signal = g_signal;
  return signal == 0 ? std::nullopt : std::optional(signal);
}

void wait_for_signal_teardown() {
  while (g_interrupted) std::this_thread::sleep_for(std::chrono::seconds{1});
}

void install_signal_teardown() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread([signals] {
    int received = 0;
    sigwait(&signals, &received);
    g_signal = received;
    g_interrupted = true;
    fmt::print(stderr, "\nhallmark: received {}; writing the reports and tearing down what was booted\n", strsignal(received));
    TeardownRegistry::instance().run_all();
    std::_Exit(128 + received);
  }).detach();
}

}  // namespace hallmark::runner::targets
