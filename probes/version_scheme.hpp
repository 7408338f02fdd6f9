#pragma once

#include <optional>
#include <string_view>

namespace hallmark::probes {

// A package family whose version strings follow one set of ordering rules.
enum class VersionScheme { dpkg, rpm, apk };

// Orders two version strings under a family's rules: <0, 0, >0 like strcmp (in fact -1, 0 or 1).
// dpkg uses compare_dpkg_versions, rpm compare_rpm_evr, apk compare_apk_versions. Never fails.
int compare_versions(VersionScheme scheme, std::string_view a, std::string_view b);

// The family's name as written in contracts and reports: "dpkg", "rpm" or "apk".
std::string_view to_string(VersionScheme scheme);

// The scheme named exactly "dpkg", "rpm" or "apk"; nullopt for any other text.
std::optional<VersionScheme> version_scheme_from_string(std::string_view name);

}  // namespace hallmark::probes
