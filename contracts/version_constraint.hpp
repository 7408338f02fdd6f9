#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace hallmark::contracts {

// A comparison operator in a version constraint.
enum class CompareOp { eq, ne, lt, le, gt, ge };

// One "OP VERSION" term of a constraint, e.g. {CompareOp::ge, "3.0.11"}.
struct Comparison {
  CompareOp op;
  std::string version;
};

// A constraint such as ">= 1.2, < 2.0": every comparison must hold. `text` is as written.
struct VersionConstraint {
  std::vector<Comparison> all_of;
  std::string text;
};

// Why parse_version_constraint() failed: a lowercase sentence, and the 0-based column (in bytes)
// in `text` where the problem starts.
struct ConstraintError {
  std::string message;
  std::size_t column;
};

// Parses "OP VERSION[, OP VERSION]..." (OP one of = != < <= > >=); fails on a missing or unknown
// operator, an empty version or comparison, a trailing comma, whitespace inside a version.
std::expected<VersionConstraint, ConstraintError> parse_version_constraint(std::string_view text);

// The operator as written in contracts: "=", "!=", "<", "<=", ">" or ">=".
std::string_view to_string(CompareOp op);

}  // namespace hallmark::contracts
