#include "runner/progress_line.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace hallmark::runner {

ProgressLine::ProgressLine(std::ostream& out, bool live) : out_(out), live_(live) {
  if (!live_) return;
  ticker_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!finished_) {
      if (!text_.empty()) redraw();
      wake_.wait_for(lock, std::chrono::milliseconds{250});
    }
  });
}

ProgressLine::~ProgressLine() { finish(); }

void ProgressLine::redraw() {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  fmt::print(out_, "\r\033[Khallmark: {} ({:.1f} s)", text_, seconds);
  out_.flush();
}

void ProgressLine::step(std::string text) {
  const std::lock_guard lock(mutex_);
  text_ = std::move(text);
  started_ = std::chrono::steady_clock::now();
  if (live_) {
    redraw();
  } else {
    fmt::print(out_, "hallmark: {}\n", text_);
    out_.flush();
  }
}

void ProgressLine::finish() {
  {
    const std::lock_guard lock(mutex_);
    if (finished_) return;
    finished_ = true;
    if (live_ && !text_.empty()) fmt::print(out_, "\r\033[K");
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

}  // namespace hallmark::runner
