#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contracts/source_place.hpp"

namespace hallmark::contracts {

// What a baseline difference does to the gate: a blocking failure, a warning that never blocks,
// or nothing at all.
enum class DiffAction { fail, report, ignore };

// [baseline].packages: installed packages compared per (name, arch) with the family's version order.
struct PackageBaseline {
  DiffAction removed = DiffAction::fail;
  DiffAction downgraded = DiffAction::fail;
  DiffAction added = DiffAction::report;
  DiffAction upgraded = DiffAction::ignore;
};

// [baseline].symbols: exported symbols, symbol versions and sonames of snapshotted libraries.
struct SymbolBaseline {
  std::optional<std::vector<std::string>> libraries;  // sonames or paths; nullopt: "all-snapshotted"
  DiffAction removed = DiffAction::fail;  // a symbol, a version definition, a soname or a whole library
  DiffAction added = DiffAction::ignore;
};

// [baseline].sysctl: kernel parameters whose value must not change.
struct SysctlBaseline {
  std::optional<std::vector<std::string>> keys;  // nullopt: every key the baseline snapshot holds
  DiffAction changed = DiffAction::fail;
};

// [baseline].ports: listening sockets, compared on (protocol, address, port).
struct PortBaseline {
  DiffAction closed = DiffAction::fail;
  DiffAction opened = DiffAction::report;
};

// The [baseline] table of a contract: how a candidate may differ from a baseline snapshot.
struct BaselineSpec {
  PackageBaseline packages;
  SymbolBaseline symbols;
  SysctlBaseline sysctl;
  PortBaseline ports;
  std::vector<std::string> allow_removed_packages;  // reviewed exceptions: their removal is only reported
  SourcePlace place;                                 // where the [baseline] table starts
};

// "fail", "report" or "ignore".
std::string_view to_string(DiffAction action);

// The action named exactly "fail", "report" or "ignore"; nullopt for any other text.
std::optional<DiffAction> diff_action_from_string(std::string_view text);

}  // namespace hallmark::contracts
