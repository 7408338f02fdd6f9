#include "probes/parsers/package_databases.hpp"

#include <fmt/format.h>

#include "util/text.hpp"

namespace hallmark::probes::parsers {

std::expected<std::vector<InstalledPackage>, std::string> parse_apk_installed(std::string_view text) {
  std::vector<InstalledPackage> packages;
  InstalledPackage current;
  std::size_t record_line = 0;  // where the current record began, 0 between records
  const auto flush = [&]() -> std::expected<void, std::string> {
    if (record_line == 0) return {};
    if (current.name.empty()) return std::unexpected(fmt::format("line {}: record has no 'P:' line", record_line));
    packages.push_back(std::move(current));
    current = {};
    record_line = 0;
    return {};
  };
  std::size_t number = 0;
  for (const std::string_view line : util::split(text, '\n')) {
    ++number;
    if (line.empty()) {
      if (auto flushed = flush(); !flushed) return std::unexpected(flushed.error());
      continue;
    }
    if (line.size() < 2 || line[1] != ':') return std::unexpected(fmt::format("line {}: not an \"X:value\" line", number));
    if (record_line == 0) record_line = number;
    const std::string value(line.substr(2));
    switch (line[0]) {
      case 'P': current.name = value; break;
      case 'V': current.version = value; break;
      case 'A': current.arch = value; break;
      default: break;
    }
  }
  if (auto flushed = flush(); !flushed) return std::unexpected(flushed.error());
  return packages;
}

std::expected<std::vector<InstalledPackage>, std::string> parse_rpm_query(std::string_view text) {
  std::vector<InstalledPackage> packages;
  std::size_t number = 0;
  for (const std::string_view line : util::split(text, '\n')) {
    ++number;
    if (line.empty()) continue;
    const auto first_tab = line.find('\t');
    const auto second_tab = first_tab == std::string_view::npos ? first_tab : line.find('\t', first_tab + 1);
    if (first_tab == 0 || second_tab == std::string_view::npos) {
      return std::unexpected(fmt::format("line {}: not \"name<TAB>epoch:version-release<TAB>arch\"", number));
    }
    std::string_view version = line.substr(first_tab + 1, second_tab - first_tab - 1);
    if (version.starts_with("0:")) version.remove_prefix(2);
    packages.push_back({std::string(line.substr(0, first_tab)), std::string(version),
                        std::string(line.substr(second_tab + 1))});
  }
  return packages;
}

}  // namespace hallmark::probes::parsers
