#pragma once

#include <optional>
#include <span>

#include "contracts/contract.hpp"
#include "probes/outcome.hpp"

namespace hallmark::probes {

// One clause and its outcome on one target, as the judge decided it.
struct ClauseResult {
  contracts::Clause clause;
  Outcome outcome;
  std::optional<contracts::Waiver> waiver;  // the waiver that names this clause, active or expired

  // True when this outcome fails the gate: a failed blocking clause.
  bool blocks() const;
};

// Per-verdict counts over clause results; errors are also counted by their ErrorKind.
struct Counts {
  int total = 0, passed = 0, failed = 0, errors = 0, skipped = 0, blocking_failures = 0;
  int deterministic_errors = 0, internal_errors = 0;

  Counts& operator+=(const Counts& other);
};
Counts count(std::span<const ClauseResult> results);

}  // namespace hallmark::probes
