#pragma once

#include <string>

#include "runner/targets/target_spec.hpp"

namespace hallmark::runner::targets {

// `docker-image:REF` / `podman-image:REF`: boots a fresh container from a local image with
// `--network none` (never pulls), and removes it (`rm -f`) when the target is destroyed or a
// signal arrives. `engine` is the CLI to use: "docker" or "podman".
OpenResult boot_container(const std::string& engine, const TargetSpec& spec, const TargetOptions& options);

// `docker:NAME` / `podman:NAME`: a container that is already running; it is left running.
OpenResult attach_container(const std::string& engine, const TargetSpec& spec);

}  // namespace hallmark::runner::targets
