#include "support/cyclonedx_schema.hpp"

#include <chrono>

#include "runner/transports/process.hpp"
#include "support/hallmark_cli.hpp"

namespace hallmark::testing {

std::string validate_cyclonedx(const std::string& path) {
  const auto result = runner::transports::run_process(
      {"/usr/bin/python3", source_path("tests/support/validate_cyclonedx.py"), source_path("../shared/schemas/cyclonedx"), path},
      {}, std::chrono::seconds{120});
  if (!result) return result.error();
  return result->out + result->err;
}

}  // namespace hallmark::testing
