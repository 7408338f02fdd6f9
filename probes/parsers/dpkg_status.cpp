#include "probes/parsers/dpkg_status.hpp"

#include <array>

#include "util/text.hpp"

namespace hallmark::probes::parsers {

namespace {

bool counts_as_installed(std::string_view status) {
  // "Status: want flag state"; only the last word, the state, matters here.
  const std::string_view state = status.substr(status.rfind(' ') + 1);
  constexpr std::array k_installed_states{"installed", "triggers-awaited", "triggers-pending",
                                          "half-configured"};
  for (std::string_view candidate : k_installed_states) {
    if (state == candidate) return true;
  }
  return false;
}

struct Stanza {
  std::string_view package, version, arch, status;

  void flush_into(std::vector<InstalledPackage>& out) {
    if (!package.empty() && counts_as_installed(status)) {
      out.push_back({std::string(package), std::string(version), std::string(arch)});
    }
    *this = {};
  }
};

std::string_view trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

}  // namespace

std::vector<InstalledPackage> parse_dpkg_status(std::string_view text) {
  std::vector<InstalledPackage> packages;
  Stanza stanza;
  for (const std::string_view line : util::split(text, '\n')) {
    if (trim(line).empty()) {
      stanza.flush_into(packages);
      continue;
    }
    if (line.front() == ' ' || line.front() == '\t') continue;  // continuation of a multi-line field
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view field = line.substr(0, colon);
    const std::string_view value = trim(line.substr(colon + 1));
    if (field == "Package") stanza.package = value;
    else if (field == "Version") stanza.version = value;
    else if (field == "Architecture") stanza.arch = value;
    else if (field == "Status") stanza.status = value;
  }
  stanza.flush_into(packages);
  return packages;
}

}  // namespace hallmark::probes::parsers
