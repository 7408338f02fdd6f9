#pragma once

#include <expected>
#include <optional>
#include <string>

#include "reports/run_result.hpp"
#include "util/ed25519_key.hpp"

namespace hallmark::runner::commands {

// The attestation of a finished run (docs/attestation.md): an in-toto test-result statement
// whose subjects are the run's images (a container image by its image id, a VM by its disk
// file's SHA-256) and whose configuration is every contract and included file and the baseline
// snapshot; wrapped in a signed DSSE envelope when `key` is given. Fails when a target has no
// image digest (a local or ssh target) or a file cannot be read.
std::expected<std::string, std::string> attest_run(const reports::RunResult& run,
                                                   const std::optional<std::string>& baseline_path,
                                                   const std::optional<util::Ed25519Key>& key);

}  // namespace hallmark::runner::commands
