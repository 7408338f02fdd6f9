#pragma once

#include <string_view>
#include <vector>

#include "probes/facts.hpp"

namespace hallmark::probes::parsers {

// apk's installed database (/lib/apk/db/installed): blank-line separated records of
// "X:value" lines, where P is the name, V the version and A the architecture.
std::vector<InstalledPackage> parse_apk_installed(std::string_view text);

// Output of `rpm -qa --qf '%{NAME}\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\t%{ARCH}\n'`.
// An epoch of 0 is dropped, as rpm itself prints versions.
std::vector<InstalledPackage> parse_rpm_query(std::string_view text);

}  // namespace hallmark::probes::parsers
