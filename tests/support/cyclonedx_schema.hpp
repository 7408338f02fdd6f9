#pragma once

#include <string>

namespace hallmark::testing {

// Validates a CycloneDX JSON file against the official 1.6 schema (../shared/schemas/cyclonedx)
// with python3-jsonschema: "valid", or the first errors.
std::string validate_cyclonedx(const std::string& path);

}  // namespace hallmark::testing
