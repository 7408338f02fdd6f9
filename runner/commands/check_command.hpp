#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace hallmark::runner::commands {

// `hallmark check`: loads and validates contracts without any target, and lists contracts
// and waivers that end within `expiring_within_days` days. Returns 0 or 2.
int check_contracts(const std::vector<std::string>& contract_files, std::optional<int> expiring_within_days,
                    std::ostream& out, std::ostream& err);

}  // namespace hallmark::runner::commands
