#include "support/fake_transport.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace hallmark::testing {

namespace {

// argv is {"/bin/sh", "-c", PRELUDE + SCRIPT, "hallmark", ARGS...}.
bool runs_script(const std::vector<std::string>& argv, std::string_view script) {
  return argv.size() >= 3 && argv[2].find(script) != std::string::npos;
}

}  // namespace

void FakeTransport::answer(std::string_view script, Result result) {
  const std::lock_guard lock(mutex_);
  answers_.emplace_back(std::string(script), std::move(result));
}

void FakeTransport::answer_output(std::string_view script, std::string out) {
  answer(script, runner::transports::ExecResult{0, std::move(out), {}});
}

FakeTransport::Result FakeTransport::exec(const std::vector<std::string>& argv, std::string_view, std::chrono::milliseconds) {
  const std::lock_guard lock(mutex_);
  calls_.push_back(argv);
  const auto answer = std::ranges::find_if(answers_, [&](const auto& entry) { return runs_script(argv, entry.first); });
  if (answer == answers_.end()) return std::unexpected(fmt::format("the fake transport has no answer for `{}`", argv.front()));
  return answer->second;
}

std::vector<std::vector<std::string>> FakeTransport::calls() const {
  const std::lock_guard lock(mutex_);
  return calls_;
}

std::optional<std::vector<std::string>> FakeTransport::arguments_of(std::string_view script) const {
  const std::lock_guard lock(mutex_);
  const auto call = std::ranges::find_if(calls_, [&](const auto& argv) { return runs_script(argv, script); });
  if (call == calls_.end()) return std::nullopt;
  return std::vector<std::string>(call->begin() + 4, call->end());
}

std::string framed(std::initializer_list<std::pair<std::string_view, std::string_view>> fields, bool closed) {
  std::string out;
  for (const auto& [field, value] : fields) out += fmt::format("@hallmark {} {}\n{}\n", field, value.size(), value);
  if (closed) out += "@hallmark end 0\n\n";
  return out;
}

}  // namespace hallmark::testing
