#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "contracts/source_place.hpp"

namespace hallmark::contracts {

// How deep keys and values may nest in a contract, counting each part of a dotted key or table
// header and each inline table or array. A contract needs a handful; toml++ 3.3 recurses once per
// dotted part without a limit, and ~31,000 parts overflow the stack.
inline constexpr int k_max_toml_depth = 128;

// Finds the first place in TOML `text` that nests deeper than k_max_toml_depth, as an error at that
// place, before the text reaches toml++. Strings and comments are skipped; anything else malformed
// is left for toml++ to report. Linear in the text.
std::optional<ContractError> check_toml_depth(std::string_view text, const std::string& file);

}  // namespace hallmark::contracts
