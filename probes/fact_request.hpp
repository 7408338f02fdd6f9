#pragma once

#include <chrono>
#include <map>
#include <set>
#include <optional>
#include <string>

#include "probes/version_scheme.hpp"

namespace hallmark::probes {

// The facts a set of clauses needs, deduplicated: gathering cost follows fact kinds, not clauses.
struct FactRequest {
  bool packages = false;
  std::optional<VersionScheme> package_manager;  // read this database; detect when nullopt
  std::map<std::string, bool> files;  // path -> whether its content is needed
  std::set<std::string> sysctls;
  bool sockets = false;
  std::map<std::string, std::chrono::seconds> commands;  // command -> the longest timeout asked
  std::set<std::string> libraries;    // paths or sonames
  std::set<std::string> binary_dirs;  // directories whose ELF files are read
  std::set<std::string> services;     // systemd unit names
};

}  // namespace hallmark::probes
