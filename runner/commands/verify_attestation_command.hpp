#pragma once

#include <ostream>
#include <string>

namespace hallmark::runner::commands {

// What `hallmark verify-attestation` was asked to check.
struct VerifyAttestationOptions {
  std::string attestation;  // a DSSE envelope written by `hallmark run --attestation --signing-key`
  std::string public_key;   // Ed25519 PEM
  std::string subject;      // a docker image (resolved to its image id) or "sha256:HEX"
  std::string engine = "docker";
};

// Exit 0 only when a signature in the envelope holds under the key, the statement names the
// subject's digest and its result is PASSED; 1 when any of that is refused (the reason on `err`);
// 2 when the key, the file or the subject cannot be read.
int verify_attestation(const VerifyAttestationOptions& options, std::ostream& out, std::ostream& err);

}  // namespace hallmark::runner::commands
