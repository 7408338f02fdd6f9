#pragma once

#include <string>

namespace hallmark::testing {

// Validates a JUnit file with xmllint against ../shared/schemas/junit-10.xsd (the schema
// Jenkins' xUnit plugin uses). Returns "" when valid, else xmllint's complaint. Fails the
// calling test when the schema or xmllint is missing: CI always has both.
std::string validate_junit(const std::string& path);

}  // namespace hallmark::testing
