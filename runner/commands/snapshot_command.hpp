#pragma once

#include <chrono>
#include <expected>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "probes/snapshot.hpp"
#include "runner/targets/target_spec.hpp"

namespace hallmark::runner::commands {

// What `hallmark snapshot` was asked to do.
struct SnapshotOptions {
  std::string target;
  std::optional<std::string> contract_file;  // its libraries, sysctls and [baseline] say what to keep
  std::vector<std::string> library_dirs;     // --libraries: every shared library directly in these
  std::string output;
  std::optional<std::string> sbom_path;  // --sbom: a CycloneDX 1.6 JSON SBOM of the same facts
  targets::TargetOptions target_options;
  std::chrono::milliseconds fact_timeout{std::chrono::minutes{5}};
};

// Gathers a target's facts and saves them as a snapshot (docs/snapshots.md): what
// probes::plan_snapshot asks for, and with `sbom_path` an SBOM of them (docs/sbom.md). Returns
// the exit code: 0, 2 (bad input), 3 (target trouble, or no package database for the SBOM).
int take_snapshot(const SnapshotOptions& options, std::ostream& out, std::ostream& err);

// Reads a snapshot file strictly (see probes::snapshot_from_json).
std::expected<probes::Snapshot, std::string> load_snapshot(const std::string& path);

}  // namespace hallmark::runner::commands
