#include "runner/commands/load_contracts.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "contracts/contract_loader.hpp"

namespace hallmark::runner::commands {

std::optional<std::vector<contracts::Contract>> load_contracts(const std::vector<std::string>& files, std::ostream& err) {
  std::vector<contracts::Contract> loaded;
  std::vector<contracts::ContractError> errors;
  for (const std::string& file : files) {
    auto contract = contracts::load_contract(file);
    if (contract) {
      loaded.push_back(std::move(*contract));
    } else {
      errors.insert(errors.end(), contract.error().begin(), contract.error().end());
    }
  }
  if (errors.empty()) errors = contracts::find_duplicate_ids(loaded);
  for (const contracts::ContractError& error : errors) fmt::print(err, "{}\n", error.str());
  if (!errors.empty()) return std::nullopt;
  return loaded;
}

}  // namespace hallmark::runner::commands
