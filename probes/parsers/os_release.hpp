#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace hallmark::probes::parsers {

// Where os-release(5) lives, in the order it is looked for.
inline constexpr std::array<std::string_view, 2> k_os_release_paths{"/etc/os-release", "/usr/lib/os-release"};

// os-release(5): KEY=value lines with optional shell-style quotes. Returns the value or nullopt.
std::optional<std::string> os_release_value(std::string_view text, std::string_view key);

}  // namespace hallmark::probes::parsers
