#include "probes/version_scheme.hpp"

#include <utility>

#include "probes/apk_version.hpp"
#include "probes/dpkg_version.hpp"
#include "probes/rpm_version.hpp"

namespace hallmark::probes {

int compare_versions(VersionScheme scheme, std::string_view a, std::string_view b) {
  switch (scheme) {
    case VersionScheme::dpkg: return compare_dpkg_versions(a, b);
    case VersionScheme::rpm: return compare_rpm_evr(a, b);
    case VersionScheme::apk: return compare_apk_versions(a, b);
  }
  std::unreachable();
}

std::string_view to_string(VersionScheme scheme) {
  switch (scheme) {
    case VersionScheme::dpkg: return "dpkg";
    case VersionScheme::rpm: return "rpm";
    case VersionScheme::apk: return "apk";
  }
  return "?";
}

std::optional<VersionScheme> version_scheme_from_string(std::string_view name) {
  for (const VersionScheme scheme : {VersionScheme::dpkg, VersionScheme::rpm, VersionScheme::apk}) {
    if (to_string(scheme) == name) return scheme;
  }
  return std::nullopt;
}

}  // namespace hallmark::probes
