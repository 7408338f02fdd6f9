#pragma once

#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "contracts/baseline_spec.hpp"
#include "contracts/source_place.hpp"

namespace hallmark::contracts {

// Reads the [baseline] table of a contract (`node` is the value of the root key "baseline";
// `file` names the contract in messages). Strict: wrong types, bad actions and unknown keys, in
// [baseline] and in each of its sections, become errors with their place. Returns nullopt when
// it reported any error.
std::optional<BaselineSpec> read_baseline(const toml::node& node, const std::string& file,
                                          std::vector<ContractError>& errors);

}  // namespace hallmark::contracts
