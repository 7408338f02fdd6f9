#include "support/ed25519_keys.hpp"

#include <chrono>

#include <gtest/gtest.h>

#include "runner/transports/process.hpp"
#include "support/hallmark_cli.hpp"

namespace hallmark::testing {

namespace {

std::string run(const std::vector<std::string>& argv) {
  const auto result = runner::transports::run_process(argv, {}, std::chrono::seconds{60});
  EXPECT_TRUE(result && result->exit_code == 0) << argv[0] << ": " << (result ? result->err : result.error());
  return result ? result->out : "";
}

}  // namespace

Ed25519KeyFiles make_ed25519_keys(const TempDir& dir, const std::string& name) {
  Ed25519KeyFiles keys{(dir.path() / (name + ".pem")).string(), (dir.path() / (name + ".pub.pem")).string()};
  run({"openssl", "genpkey", "-algorithm", "ed25519", "-out", keys.private_pem});
  run({"openssl", "pkey", "-in", keys.private_pem, "-pubout", "-out", keys.public_pem});
  return keys;
}

std::string verify_with_other_tools(const std::string& envelope, const std::string& public_pem) {
  return run({"/usr/bin/python3", source_path("tests/support/verify_dsse.py"), envelope, public_pem});
}

}  // namespace hallmark::testing
