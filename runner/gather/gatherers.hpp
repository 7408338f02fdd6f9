#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "probes/fact_request.hpp"
#include "probes/facts.hpp"
#include "probes/version_scheme.hpp"
#include "runner/transports/transport.hpp"

// One function per fact kind: a single batched round trip to the target that fills in that
// kind's member of Facts (and only that member, so kinds can be gathered side by side).
// On failure every requested fact of the kind holds the reason.
namespace hallmark::runner::gather {

using std::chrono::milliseconds;

void packages(transports::Transport& transport, std::optional<probes::VersionScheme> pinned, milliseconds timeout, probes::Facts& facts);
void files(transports::Transport& transport, const std::map<std::string, bool>& paths, milliseconds timeout, probes::Facts& facts);
void sysctls(transports::Transport& transport, const std::set<std::string>& keys, milliseconds timeout, probes::Facts& facts);
void sockets(transports::Transport& transport, milliseconds timeout, probes::Facts& facts);
// Up to `jobs` commands at once; those that must not overlap run alone afterwards.
void commands(transports::Transport& transport, const std::map<std::string, probes::CommandRequest>& commands, std::size_t jobs,
              milliseconds timeout, probes::Facts& facts);
void libraries(transports::Transport& transport, const std::set<std::string>& libraries, milliseconds timeout, probes::Facts& facts);
void binary_dirs(transports::Transport& transport, const std::set<std::string>& directories, milliseconds timeout, probes::Facts& facts);
void services(transports::Transport& transport, const std::set<std::string>& units, milliseconds timeout, probes::Facts& facts);

}  // namespace hallmark::runner::gather
