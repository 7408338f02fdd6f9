#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "contracts/clause_specs.hpp"
#include "contracts/toml_reader.hpp"

namespace hallmark::contracts {

// A kind-specific spec read from one clause table, and the id derived from it
// when the clause has no explicit `id`.
struct ReadSpec {
  ClauseSpec spec;
  std::string derived_id;
};

// Reads the kind-specific keys of one clause table; reports problems through the reader
// and returns nullopt when the clause is unusable.
using ClauseReader = std::optional<ReadSpec> (*)(TableReader&);

struct ClauseKind {
  std::string_view name;  // the TOML array name, e.g. "package" for [[package]]
  ClauseReader read;
};

// Every clause kind a contract may use, in documentation order.
std::span<const ClauseKind> clause_kinds();

}  // namespace hallmark::contracts
