#include "runner/targets/qemu/serial_console.hpp"

#include <deque>

namespace hallmark::runner::targets::qemu {

namespace {

constexpr char k_escape = '\x1b';

// The length of the escape sequence at the start of `text` (which begins with ESC): a CSI
// sequence ("ESC [ params final") or ESC and one more byte.
std::size_t escape_length(std::string_view text) {
  if (text.size() < 2) return text.size();
  if (text[1] != '[') return 2;
  std::size_t end = 2;
  while (end < text.size() && (text[end] < 0x40 || text[end] > 0x7e)) ++end;
  return std::min(end + 1, text.size());
}

}  // namespace

std::string sanitised_console(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const char c = text[at];
    if (c == k_escape) {
      at += escape_length(text.substr(at));
      continue;
    }
    ++at;
    if (c == '\r') continue;
    const bool control = (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == '\x7f';
    clean += control ? '?' : c;
  }
  return clean;
}

std::string last_lines(std::string_view text, std::size_t count) {
  std::deque<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    lines.push_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (lines.size() > count) lines.pop_front();
  }
  std::string tail;
  for (const std::string_view line : lines) {
    tail += line;
    tail += '\n';
  }
  return tail;
}

std::optional<std::string> firmware_dead_end(std::string_view console) {
  if (console.find("UEFI Interactive Shell") != std::string_view::npos || console.find("Shell> ") != std::string_view::npos) {
    return "the UEFI firmware found nothing it could boot and opened its shell";
  }
  if (console.find("No bootable device") != std::string_view::npos) return "the BIOS found no bootable device";
  return std::nullopt;
}

}  // namespace hallmark::runner::targets::qemu
