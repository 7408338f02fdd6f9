#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "probes/facts.hpp"

namespace hallmark::probes::parsers {

// Parses dpkg's database (/var/lib/dpkg/status, deb822 stanzas) into the packages that are
// installed: state "installed", or configured-but-pending ("triggers-*", "half-configured").
// Removed packages whose configuration files remain ("config-files") are not installed.
// Fails as dpkg-query would, naming the 1-based line: a stanza without a Package field, a line
// that is not "Field: value" or a continuation, a field name with bytes control files forbid.
std::expected<std::vector<InstalledPackage>, std::string> parse_dpkg_status(std::string_view text);

}  // namespace hallmark::probes::parsers
