#pragma once

#include <expected>
#include <string>

#include "probes/provenance.hpp"
#include "reports/attested_resource.hpp"

namespace hallmark::runner::commands {

// The image a target was booted from, by digest: a container image by its content id, a VM by
// the SHA-256 of its disk file. Fails for targets without one (local, ssh, an image that did
// not boot) or when the disk cannot be read.
std::expected<reports::AttestedResource, std::string> image_digest(const probes::Provenance& provenance);

}  // namespace hallmark::runner::commands
