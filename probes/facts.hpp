#pragma once

#include <algorithm>
#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "contracts/clause_specs.hpp"
#include "probes/elf_facts.hpp"
#include "probes/fact_error.hpp"
#include "probes/version_scheme.hpp"

namespace hallmark::probes {

// A gathered fact, or why it could not be gathered (the target died, the transport failed, the
// image's source of it is broken). Probes turn an unavailable fact into an error outcome, never
// into a pass, and keep its ErrorKind.
template <class T>
using Fact = std::expected<T, FactError>;

struct InstalledPackage {
  std::string name;
  std::string version;  // in the family's own syntax, e.g. "1:3.0.11-1~deb12u2"
  std::string arch;
};

// The target's package database. `scheme` is nullopt when no known database was found.
struct PackageFacts {
  std::optional<VersionScheme> scheme;
  std::vector<InstalledPackage> installed;  // several entries may share a name (multilib, kernels)
};

// lstat(2) of a path plus, where a clause needs it, the content it resolves to.
struct FileInfo {
  bool exists = false;
  contracts::FileType type = contracts::FileType::other;
  unsigned mode = 0;  // permission bits only
  unsigned uid = 0;
  unsigned gid = 0;
  std::string user;   // "UNKNOWN" when the uid has no name
  std::string group;
  std::uint64_t size = 0;
  std::string link_target;             // for symlinks
  std::optional<std::string> content;  // gathered only when a clause needs it; nullopt if unreadable
  bool content_truncated = false;      // content holds only the first bytes, up to the gather cap
};

// A socket from /proc/net/{tcp,tcp6,udp,udp6}.
struct Socket {
  contracts::Protocol protocol = contracts::Protocol::tcp;
  std::string address;  // canonical text, "0.0.0.0" / "::" for wildcards
  std::uint16_t port = 0;
  bool listening = false;  // TCP LISTEN, or an unconnected bound UDP socket
};

// What a command printed and how it ended.
struct CommandRun {
  int exit_code = 0;
  bool timed_out = false;
  std::string out;
  std::string err;
};

// A library named by a contract, resolved on the target and parsed on the runner.
struct LibraryFacts {
  std::string path;                       // where it was found; "" when it was not
  std::expected<ElfFacts, std::string> elf = std::unexpected("not found on the target");
};

// One ELF file found in a directory named by a contract.
struct BinaryFacts {
  std::string path;
  std::expected<ElfFacts, std::string> elf;  // an error when the file is a malformed ELF
};

// A systemd unit as its unit files and links describe it.
struct UnitFacts {
  contracts::UnitState state = contracts::UnitState::not_found;
  std::string unit_file;              // where the unit is defined, "" when not found
  std::optional<std::string> active;  // `systemctl is-active`, nullopt where systemd is not running
};

// Everything gathered from one target. Each map holds exactly the keys some clause asked for.
struct Facts {
  std::optional<Fact<PackageFacts>> packages;
  std::map<std::string, Fact<FileInfo>> files;                      // by path
  std::map<std::string, Fact<std::optional<std::string>>> sysctls;  // by key; nullopt: no such key
  std::optional<Fact<std::vector<Socket>>> sockets;
  std::map<std::string, Fact<CommandRun>> commands;  // by command text
  std::map<std::string, Fact<LibraryFacts>> libraries;  // by path or soname as the contract names it
  std::map<std::string, Fact<std::vector<BinaryFacts>>> binary_dirs;  // by directory
  std::map<std::string, Fact<UnitFacts>> services;  // by unit name
};

// True when some fact could not be gathered.
inline bool any_error(const Facts& facts) {
  const auto failed = [](const auto& fact) { return !fact.has_value(); };
  const auto any_failed = [&](const auto& by_key) {
    return std::ranges::any_of(by_key, [&](const auto& entry) { return failed(entry.second); });
  };
  return (facts.packages && failed(*facts.packages)) || (facts.sockets && failed(*facts.sockets)) || any_failed(facts.files) ||
         any_failed(facts.sysctls) || any_failed(facts.commands) || any_failed(facts.libraries) ||
         any_failed(facts.binary_dirs) || any_failed(facts.services);
}

}  // namespace hallmark::probes
