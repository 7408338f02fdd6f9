#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace hallmark::probes::parsers {

// Where os-release(5) lives, in the order it is looked for.
inline constexpr std::array<std::string_view, 2> k_os_release_paths{"/etc/os-release", "/usr/lib/os-release"};

// os-release(5): every KEY=value line, values with their shell-style quotes and backslashes
// removed; the first line wins when a key repeats. One pass: a target may send megabytes.
std::map<std::string, std::string> parse_os_release(std::string_view text);

// The value of one key, or nullopt.
std::optional<std::string> os_release_value(std::string_view text, std::string_view key);

}  // namespace hallmark::probes::parsers
