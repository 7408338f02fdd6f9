#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "contracts/baseline_spec.hpp"
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

// A known issue that must not block promotion until a date: the clause still runs, and its
// failure is reported as waived (skipped) until `expires` (exclusive, compared in UTC).
struct Waiver {
  std::string clause;  // id of the waived clause
  std::string bug;
  std::string justification;
  std::chrono::year_month_day expires;
  SourcePlace place;
};

// A contract file pulled in with `include`, for provenance.
struct IncludedFile {
  std::string file;
  std::string sha256;
};

// A loaded, validated contract file, with the clauses and waivers of its includes merged in.
struct Contract {
  std::string name;
  std::string version;
  std::string description;
  std::string owner;
  std::optional<std::chrono::year_month_day> support_until;
  std::optional<std::string> package_manager;  // "dpkg", "rpm" or "apk"; detected when absent
  std::optional<std::string> bug_url;  // "https://bugs.example/{}": where a bug id links to (notes)
  std::string file;    // path as given
  std::string sha256;  // of the file's bytes, for provenance
  std::vector<Clause> clauses;
  std::vector<Waiver> waivers;
  std::vector<IncludedFile> includes;  // every file included, directly or not
  std::optional<BaselineSpec> baseline;  // how a candidate may differ from a baseline snapshot
};

std::string_view to_string(Severity severity);

}  // namespace hallmark::contracts
