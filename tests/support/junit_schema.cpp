#include "support/junit_schema.hpp"

#include <filesystem>
#include <gtest/gtest.h>

#include "runner/transports/process.hpp"

namespace hallmark::testing {

std::string validate_junit(const std::string& path) {
  const std::filesystem::path schema = std::filesystem::path(HALLMARK_SOURCE_DIR) / ".." / "shared" / "schemas" / "junit-10.xsd";
  if (!std::filesystem::exists(schema)) {
    ADD_FAILURE() << "JUnit schema not found at " << schema << " (CI lays ../shared beside the clone)";
    return "schema missing";
  }
  const auto result = runner::transports::run_process({"xmllint", "--noout", "--schema", schema.string(), path}, {}, std::chrono::seconds{60});
  if (!result) return result.error();
  return result->exit_code == 0 ? "" : result->err;
}

}  // namespace hallmark::testing
