#pragma once

#include <string_view>
#include <vector>

#include "probes/facts.hpp"

namespace hallmark::probes::parsers {

// Parses dpkg's database (/var/lib/dpkg/status, deb822 stanzas) into the packages that are
// installed: state "installed", or configured-but-pending ("triggers-*", "half-configured").
// Removed packages whose configuration files remain ("config-files") are not installed.
std::vector<InstalledPackage> parse_dpkg_status(std::string_view text);

}  // namespace hallmark::probes::parsers
