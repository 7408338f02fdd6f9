#pragma once

#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "contracts/contract.hpp"

namespace hallmark::contracts {

using LoadResult = std::expected<Contract, std::vector<ContractError>>;

// Reads and validates a contract file. Every problem found is returned, each with its place;
// a contract with any error is unusable.
LoadResult load_contract(const std::string& path);

// The same for contract text already in memory; `file` names it in error places.
LoadResult parse_contract(std::string_view text, const std::string& file);

// Clause ids must be unique across all contracts of a run; each duplicate names both places.
std::vector<ContractError> find_duplicate_ids(std::span<const Contract> contracts);

// A waiver must name a clause of its contract (includes counted): one error per waiver that does
// not, at the waiver. Linear in clauses and waivers.
std::vector<ContractError> find_unknown_waivers(const Contract& contract);

}  // namespace hallmark::contracts
