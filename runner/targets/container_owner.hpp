#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "util/process_identity.hpp"

namespace hallmark::runner::targets {

// Labels on every container hallmark boots, naming the hallmark process that owns it, so a
// later run can tell a leftover of a killed run from a container another run still uses.
inline constexpr std::string_view k_owner_pid_label = "org.hallmark.owner-pid";
inline constexpr std::string_view k_owner_start_label = "org.hallmark.owner-start";
inline constexpr std::string_view k_owner_boot_label = "org.hallmark.owner-boot";
inline constexpr std::string_view k_owner_host_label = "org.hallmark.owner-host";

// `--label key=value` arguments for `run`, naming this process on this host.
std::vector<std::string> owner_label_arguments();

// True when the labels name a hallmark on `host` that is no longer running: its boot ended,
// or its pid is gone or now belongs to a process started at another time. A container of
// another host, or without the full set of labels, is never judged abandoned.
bool owner_is_gone(const std::map<std::string, std::string, std::less<>>& labels, const std::string& host);

// Removes, once per process, the containers a killed hallmark on this host left behind
// (best effort: a failing engine only means nothing is reaped).
void reap_abandoned_containers(const std::string& engine);

}  // namespace hallmark::runner::targets
