#include "probes/parsers/grep_lines.hpp"

#include <fmt/format.h>

namespace hallmark::probes::parsers {

std::expected<std::map<std::string, std::string>, std::string> parse_grep_lines(std::string_view output,
                                                                               const std::vector<std::string>& paths) {
  std::map<std::string, std::string> contents;
  for (const std::string& path : paths) contents[path];
  std::size_t current = 0;
  while (!output.empty()) {
    const std::size_t end = output.find('\n');
    const std::string_view line = output.substr(0, end);
    output.remove_prefix(end == std::string_view::npos ? output.size() : end + 1);
    // grep reads the files in order: this line is the current path's or a later one's.
    const auto owns = [&](const std::string& path) {
      return line.size() > path.size() && line.starts_with(path) && line[path.size()] == ':';
    };
    while (current < paths.size() && !owns(paths[current])) ++current;
    if (current == paths.size()) return std::unexpected(fmt::format("unexpected line from grep: \"{}\"", line.substr(0, 80)));
    std::string& content = contents[paths[current]];
    content.append(line.substr(paths[current].size() + 1));
    content.push_back('\n');
  }
  for (auto& [path, content] : contents) {
    content.erase(content.find_last_not_of('\n') + 1);
  }
  return contents;
}

}  // namespace hallmark::probes::parsers
