#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "contracts/clause_specs.hpp"
#include "contracts/source_place.hpp"

namespace hallmark::contracts {

// A warning clause is reported but never fails the gate.
enum class Severity { blocking, warning };

// One promise of the contract: common traceability fields plus the kind-specific spec.
struct Clause {
  std::string id;    // explicit `id`, or derived from the spec ("package.openssl")
  std::string kind;  // the TOML array name: "package", "file", ...
  std::optional<std::string> bug;
  std::optional<std::string> description;
  Severity severity = Severity::blocking;
  std::vector<std::string> tags;
  SourcePlace place;  // where the clause's table starts
  ClauseSpec spec;
};

// A loaded, validated contract file.
struct Contract {
  std::string name;
  std::string version;
  std::string description;
  std::string owner;
  std::optional<std::chrono::year_month_day> support_until;
  std::optional<std::string> package_manager;  // "dpkg", "rpm" or "apk"; detected when absent
  std::string file;    // path as given
  std::string sha256;  // of the file's bytes, for provenance
  std::vector<Clause> clauses;
};

std::string_view to_string(Severity severity);

}  // namespace hallmark::contracts
