#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "contracts/contract.hpp"

namespace hallmark::runner::commands {

// Loads every contract file and checks that clause ids are unique across them. On any error
// prints every error (FILE:LINE:COL: message) to `err` and returns nullopt.
std::optional<std::vector<contracts::Contract>> load_contracts(const std::vector<std::string>& files, std::ostream& err);

}  // namespace hallmark::runner::commands
