#pragma once

#include <chrono>

#include "probes/fact_request.hpp"
#include "probes/facts.hpp"
#include "runner/transports/transport.hpp"

namespace hallmark::runner::gather {

// Gathers every requested fact: one batched round trip per fact kind, the kinds in parallel.
// A kind whose round trip fails leaves each of its facts as an error with the reason, so the
// clauses that need it become errors, never passes. `timeout` bounds each round trip;
// `command_jobs` commands run at once on the target.
inline constexpr std::size_t k_default_command_jobs = 8;
probes::Facts gather_facts(transports::Transport& transport, const probes::FactRequest& request,
                           std::chrono::milliseconds timeout, std::size_t command_jobs = k_default_command_jobs);

}  // namespace hallmark::runner::gather
