#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace hallmark::probes {

// A Debian version "[epoch:]upstream[-revision]" split into its parts, as dpkg stores it.
struct DpkgVersion {
  unsigned epoch = 0;     // 0 when the version has no "N:" prefix
  std::string upstream;   // never empty once parsed
  std::string revision;   // text after the last '-', empty when there is none
};

// Parses like dpkg's parseversion() (lib/dpkg/parsehelp.c); fails with dpkg's own message, e.g.
// "epoch in version is not number", for anything dpkg rejects or warns about. Never throws.
std::expected<DpkgVersion, std::string> parse_dpkg_version(std::string_view text);

// Orders two versions as `dpkg --compare-versions` does (dpkg_version_compare): -1, 0 or 1.
// Never fails: text parse_dpkg_version() rejects is still split and compared.
int compare_dpkg_versions(std::string_view a, std::string_view b);

}  // namespace hallmark::probes
