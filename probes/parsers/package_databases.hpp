#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "probes/facts.hpp"

namespace hallmark::probes::parsers {

// apk's installed database (/lib/apk/db/installed): blank-line separated records of
// "X:value" lines, where P is the name, V the version and A the architecture. Fails, naming
// the 1-based line, on a line that is not "X:value" or a record without a P line.
std::expected<std::vector<InstalledPackage>, std::string> parse_apk_installed(std::string_view text);

// Output of `rpm -qa --qf '%{NAME}\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\t%{ARCH}\n'`.
// An epoch of 0 is dropped, as rpm itself prints versions. Fails, naming the line, on a line
// that is not three tab-separated fields.
std::expected<std::vector<InstalledPackage>, std::string> parse_rpm_query(std::string_view text);

}  // namespace hallmark::probes::parsers
