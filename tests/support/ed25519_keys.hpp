#pragma once

#include <string>

#include "support/temp_dir.hpp"

namespace hallmark::testing {

// An Ed25519 key pair made by `openssl genpkey` in `dir`: NAME.pem (private), NAME.pub.pem.
struct Ed25519KeyFiles {
  std::string private_pem;
  std::string public_pem;
};
Ed25519KeyFiles make_ed25519_keys(const TempDir& dir, const std::string& name);

// Runs tests/support/verify_dsse.py over an envelope: what openssl and securesystemslib say.
std::string verify_with_other_tools(const std::string& envelope, const std::string& public_pem);

}  // namespace hallmark::testing
