#include "runner/progress.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace hallmark::runner {

Progress::Progress(std::ostream& out, bool live, std::vector<std::string> targets) : out_(out), live_(live) {
  for (std::string& target : targets) rows_.push_back({std::move(target), {}, {}});
  if (!live_) return;
  ticker_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!finished_) {
      if (drawn_) redraw();
      wake_.wait_for(lock, std::chrono::milliseconds{250});
    }
  });
}

Progress::~Progress() { finish(); }

// Rewrites every row in place: back to the first row, then each row cleared and printed.
void Progress::redraw() {
  if (drawn_ && rows_.size() > 1) fmt::print(out_, "\033[{}A", rows_.size() - 1);
  const auto now = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const Row& row = rows_[i];
    const std::string prefix = rows_.size() > 1 ? fmt::format("[{}] ", row.target) : "";
    if (row.text.empty()) {
      fmt::print(out_, "\r\033[Khallmark: {}waiting", prefix);
    } else {
      fmt::print(out_, "\r\033[Khallmark: {}{} ({:.1f} s)", prefix, row.text,
                 std::chrono::duration<double>(now - row.started).count());
    }
    if (i + 1 < rows_.size()) fmt::print(out_, "\n");
  }
  drawn_ = true;
  out_.flush();
}

void Progress::step(std::size_t row, std::string text) {
  const std::lock_guard lock(mutex_);
  if (finished_) return;
  Row& current = rows_.at(row);
  current.text = std::move(text);
  current.started = std::chrono::steady_clock::now();
  if (live_) {
    redraw();
  } else {
    fmt::print(out_, "hallmark: {}{}\n", rows_.size() > 1 ? fmt::format("[{}] ", current.target) : "", current.text);
    out_.flush();
  }
}

void Progress::finish() {
  {
    const std::lock_guard lock(mutex_);
    if (finished_) return;
    finished_ = true;
    if (live_ && drawn_) {
      if (rows_.size() > 1) fmt::print(out_, "\033[{}A", rows_.size() - 1);
      for (std::size_t i = 0; i < rows_.size(); ++i) out_ << (i + 1 < rows_.size() ? "\r\033[K\n" : "\r\033[K");
      if (rows_.size() > 1) fmt::print(out_, "\033[{}A", rows_.size() - 1);
      out_.flush();
    }
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

}  // namespace hallmark::runner
