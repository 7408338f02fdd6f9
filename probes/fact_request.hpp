#pragma once

#include <chrono>
#include <map>
#include <set>
#include <string>

namespace hallmark::probes {

// The facts a set of clauses needs, deduplicated: gathering cost follows fact kinds, not clauses.
struct FactRequest {
  bool packages = false;
  std::map<std::string, bool> files;  // path -> whether its content is needed
  std::set<std::string> sysctls;
  bool sockets = false;
  std::map<std::string, std::chrono::seconds> commands;  // command -> the longest timeout asked

  bool empty() const {
    return !packages && files.empty() && sysctls.empty() && !sockets && commands.empty();
  }
};

}  // namespace hallmark::probes
