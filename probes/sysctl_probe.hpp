#pragma once

#include <string>
#include <string_view>

#include "contracts/clause_specs.hpp"
#include "probes/fact_request.hpp"
#include "probes/facts.hpp"
#include "probes/outcome.hpp"

namespace hallmark::probes {

// [[sysctl]]: needs the key's value from /proc/sys; compared with runs of white space folded,
// so "32768 60999" matches the tab-separated ip_local_port_range.
void plan(const contracts::SysctlSpec& spec, FactRequest& request);
Outcome evaluate(const contracts::SysctlSpec& spec, const Facts& facts);

// Trims and folds every run of white space to one space.
std::string normalise_whitespace(std::string_view text);

// "net.ipv4.ip_forward" -> "/proc/sys/net/ipv4/ip_forward".
std::string sysctl_path(std::string_view key);

}  // namespace hallmark::probes
