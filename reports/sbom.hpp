#pragma once

#include <expected>
#include <optional>
#include <string>

#include "probes/snapshot.hpp"
#include "reports/attested_resource.hpp"

namespace hallmark::reports {

// A CycloneDX 1.6 JSON SBOM of a snapshot (docs/sbom.md): every installed package as a
// component with its package URL, the image (with its SHA-256) as metadata.component, or the
// operating system when the target has no image. Fails when the snapshot holds no package
// database.
std::expected<std::string, std::string> render_sbom(const probes::Snapshot& snapshot,
                                                    const std::optional<AttestedResource>& image);

}  // namespace hallmark::reports
