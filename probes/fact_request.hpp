#pragma once

#include <chrono>
#include <map>
#include <set>
#include <optional>
#include <string>

#include "probes/version_scheme.hpp"

namespace hallmark::probes {

// How a command clause's command is run: its longest timeout asked for, and whether it may
// overlap with other commands (false as soon as one clause says `parallel = false`).
struct CommandRequest {
  std::chrono::seconds timeout{0};
  bool parallel = true;
};

// The facts a set of clauses needs, deduplicated: gathering cost follows fact kinds, not clauses.
struct FactRequest {
  bool packages = false;
  std::optional<VersionScheme> package_manager;  // read this database; detect when nullopt
  std::map<std::string, bool> files;  // path -> whether its content is needed
  std::set<std::string> sysctls;
  bool sockets = false;
  std::map<std::string, CommandRequest> commands;
  std::set<std::string> libraries;    // paths or sonames
  std::set<std::string> binary_dirs;  // directories whose ELF files are read
  std::set<std::string> services;     // systemd unit names
};

}  // namespace hallmark::probes
