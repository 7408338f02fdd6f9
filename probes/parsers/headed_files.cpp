#include "probes/parsers/headed_files.hpp"

#include <fmt/format.h>

namespace hallmark::probes::parsers {

std::expected<std::map<std::string, std::string>, std::string> parse_headed_files(std::string_view output,
                                                                                 const std::vector<std::string>& paths) {
  const auto header = [](const std::string& path) { return fmt::format("==> {} <==\n", path); };
  std::map<std::string, std::string> contents;
  if (paths.empty()) {
    if (!output.empty()) return std::unexpected("head printed files nobody asked for");
    return contents;
  }
  if (!output.starts_with(header(paths[0]))) return std::unexpected(fmt::format("head's output does not start with {}", paths[0]));
  std::size_t start = header(paths[0]).size();
  for (std::size_t i = 0; i < paths.size(); ++i) {
    std::size_t end = output.size();
    if (i + 1 < paths.size()) {
      end = output.find("\n" + header(paths[i + 1]), start);
      if (end == std::string_view::npos) return std::unexpected(fmt::format("head's output has no section for {}", paths[i + 1]));
    }
    contents[paths[i]] = std::string(output.substr(start, end - start));
    start = end + 1 + (i + 1 < paths.size() ? header(paths[i + 1]).size() : 0);
  }
  return contents;
}

}  // namespace hallmark::probes::parsers
