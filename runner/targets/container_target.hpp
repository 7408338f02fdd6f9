#pragma once

#include <string>

#include "runner/targets/target_spec.hpp"

namespace hallmark::runner::targets {

// `docker-image:REF` / `podman-image:REF`: boots a fresh container from the image with
// `--network none`, pulling it first only as `options.pull` says (the run itself never pulls),
// and removes it (`rm -f`) when the target is destroyed or a signal arrives. The provenance
// holds the image's content id ("sha256:...") and repository digests, a pulled one included.
// `engine` is the CLI to use: "docker" or "podman".
OpenResult boot_container(const std::string& engine, const TargetSpec& spec, const TargetOptions& options);

// `docker:NAME` / `podman:NAME`: a container that is already running; it is left running.
OpenResult attach_container(const std::string& engine, const TargetSpec& spec);

}  // namespace hallmark::runner::targets
