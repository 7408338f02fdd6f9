#include "probes/parsers/package_databases.hpp"

#include "util/text.hpp"

namespace hallmark::probes::parsers {

std::vector<InstalledPackage> parse_apk_installed(std::string_view text) {
  std::vector<InstalledPackage> packages;
  InstalledPackage current;
  const auto flush = [&] {
    if (!current.name.empty()) packages.push_back(current);
    current = {};
  };
  for (const std::string_view line : util::split(text, '\n')) {
    if (line.empty()) {
      flush();
      continue;
    }
    if (line.size() < 2 || line[1] != ':') continue;
    const std::string value(line.substr(2));
    switch (line[0]) {
      case 'P': current.name = value; break;
      case 'V': current.version = value; break;
      case 'A': current.arch = value; break;
      default: break;
    }
  }
  flush();
  return packages;
}

std::vector<InstalledPackage> parse_rpm_query(std::string_view text) {
  std::vector<InstalledPackage> packages;
  for (const std::string_view line : util::split(text, '\n')) {
    const auto first_tab = line.find('\t');
    const auto second_tab = line.find('\t', first_tab + 1);
    if (first_tab == std::string_view::npos || second_tab == std::string_view::npos) continue;
    std::string_view version = line.substr(first_tab + 1, second_tab - first_tab - 1);
    if (version.starts_with("0:")) version.remove_prefix(2);
    packages.push_back({std::string(line.substr(0, first_tab)), std::string(version),
                        std::string(line.substr(second_tab + 1))});
  }
  return packages;
}

}  // namespace hallmark::probes::parsers
