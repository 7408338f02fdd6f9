#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "probes/facts.hpp"
#include "probes/provenance.hpp"

namespace hallmark::probes {

// The gathered facts of a target, saved to compare later targets against.
struct Snapshot {
  Provenance provenance;
  Facts facts;
};

// "name@@VERSION", "name@VERSION" or "name": how snapshots and baseline findings write an export
// (the syntax exports_symbol reads).
std::string symbol_spec(const ElfSymbol& symbol);

// The snapshot format this hallmark writes and the newest it reads.
inline constexpr int k_snapshot_format_version = 1;

// Renders the snapshot as sorted, indented JSON (docs/snapshots.md). Keeps packages, os-release,
// sysctls, listening sockets, libraries and binary dirs; a fact that could not be gathered is
// written as {"error": "why"}. Never fails.
std::string snapshot_to_json(const Snapshot& snapshot);

// Reads a snapshot strictly; `source` names it in messages. Fails with "SOURCE is not a hallmark
// snapshot: ..." (not JSON, wrong format, a missing section, a wrong type) or "SOURCE was written
// by a newer hallmark (format N); ...": never an empty snapshot.
std::expected<Snapshot, std::string> snapshot_from_json(std::string_view text, std::string_view source);

}  // namespace hallmark::probes
