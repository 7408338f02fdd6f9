#pragma once

#include <string>

namespace hallmark::reports {

// A file or image an attestation or an SBOM names, by its SHA-256 (an in-toto
// ResourceDescriptor, a CycloneDX component hash).
struct AttestedResource {
  std::string name;    // image reference, disk path or contract file as given
  std::string sha256;  // lower-case hex
};

}  // namespace hallmark::reports
