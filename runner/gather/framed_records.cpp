#include "runner/gather/framed_records.hpp"

#include <charconv>

#include <fmt/format.h>

namespace hallmark::runner::gather {

std::expected<std::vector<Record>, std::string> parse_records(std::string_view output) {
  static constexpr std::string_view k_marker = "@hallmark ";
  std::vector<Record> records;
  while (!output.empty()) {
    const auto header_end = output.find('\n');
    const std::string_view header = output.substr(0, header_end);
    const auto space = header.rfind(' ');
    if (header_end == std::string_view::npos || !header.starts_with(k_marker) || space < k_marker.size()) {
      return std::unexpected(fmt::format("unexpected output from the target: \"{}\"",
                                         header.substr(0, 80)));
    }
    std::size_t length = 0;
    const std::string_view length_text = header.substr(space + 1);
    const auto [end, ec] = std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
    if (ec != std::errc{} || end != length_text.data() + length_text.size()) {
      return std::unexpected(fmt::format("unreadable record header from the target: \"{}\"", header));
    }
    const std::string_view rest = output.substr(header_end + 1);
    // `length + 1` would wrap for a length of SIZE_MAX: compare without adding.
    if (length >= rest.size() || rest[length] != '\n') {
      return std::unexpected("the target's output ended in the middle of a record");
    }
    records.push_back({std::string(header.substr(k_marker.size(), space - k_marker.size())),
                       std::string(rest.substr(0, length))});
    output = rest.substr(length + 1);
  }
  if (records.empty() || records.back().field != "end") {
    return std::unexpected("the target stopped answering before it finished");
  }
  records.pop_back();
  return records;
}

}  // namespace hallmark::runner::gather
