#include "probes/parsers/dpkg_status.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

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
  std::size_t first_line = 0;  // 0 while no field has been read
  std::string_view package, version, arch, status;
};

std::string_view trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

// deb-control(5): a field name is printable US-ASCII without space or colon, and does not
// begin with '#' or '-'.
bool valid_field_name(std::string_view name) {
  if (name.empty() || name.front() == '#' || name.front() == '-') return false;
  return std::ranges::all_of(name, [](char c) { return c > ' ' && c < 0x7f && c != ':'; });
}

}  // namespace

std::expected<std::vector<InstalledPackage>, std::string> parse_dpkg_status(std::string_view text) {
  std::vector<InstalledPackage> packages;
  Stanza stanza;
  const auto end_stanza = [&]() -> std::expected<void, std::string> {
    if (stanza.first_line == 0) return {};
    if (stanza.package.empty()) return std::unexpected(fmt::format("line {}: stanza has no 'Package' field", stanza.first_line));
    if (counts_as_installed(stanza.status)) {
      packages.push_back({std::string(stanza.package), std::string(stanza.version), std::string(stanza.arch)});
    }
    stanza = {};
    return {};
  };
  std::size_t number = 0;
  for (const std::string_view line : util::split(text, '\n')) {
    ++number;
    if (line.find('\0') != std::string_view::npos) return std::unexpected(fmt::format("line {}: NUL byte in a control file", number));
    if (trim(line).empty()) {
      if (auto ended = end_stanza(); !ended) return std::unexpected(ended.error());
      continue;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      if (stanza.first_line == 0) return std::unexpected(fmt::format("line {}: continuation line outside a field", number));
      continue;  // continuation of a multi-line field
    }
    const auto colon = line.find(':');
    const std::string_view field = line.substr(0, colon);
    if (colon == std::string_view::npos) {
      return std::unexpected(fmt::format("line {}: field name '{}' must be followed by a colon", number, field.substr(0, 40)));
    }
    if (!valid_field_name(field)) return std::unexpected(fmt::format("line {}: invalid field name", number));
    if (stanza.first_line == 0) stanza.first_line = number;
    const std::string_view value = trim(line.substr(colon + 1));
    if (field == "Package") stanza.package = value;
    else if (field == "Version") stanza.version = value;
    else if (field == "Architecture") stanza.arch = value;
    else if (field == "Status") stanza.status = value;
  }
  if (auto ended = end_stanza(); !ended) return std::unexpected(ended.error());
  return packages;
}

}  // namespace hallmark::probes::parsers
