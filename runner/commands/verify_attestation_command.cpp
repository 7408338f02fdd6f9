#include "runner/commands/verify_attestation_command.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include "probes/gate.hpp"
#include "reports/attestation.hpp"
#include "reports/dsse_envelope.hpp"
#include "runner/transports/process.hpp"
#include "util/ed25519_key.hpp"
#include "util/text_file.hpp"

namespace hallmark::runner::commands {

namespace {

constexpr std::string_view k_sha256 = "sha256:";

// The hex digest the subject stands for: given, or the image id the engine knows it by.
std::expected<std::string, std::string> subject_digest(const VerifyAttestationOptions& options) {
  if (options.subject.starts_with(k_sha256)) return options.subject.substr(k_sha256.size());
  const auto inspected = transports::run_process({options.engine, "image", "inspect", "--format", "{{.Id}}", options.subject},
                                                 {}, std::chrono::seconds{60});
  if (!inspected) return std::unexpected(inspected.error());
  std::string id = inspected->out.substr(0, inspected->out.find_last_not_of(" \n") + 1);
  if (inspected->exit_code != 0 || !id.starts_with(k_sha256)) {
    return std::unexpected(fmt::format("{} image inspect {} failed: {}", options.engine, options.subject,
                                       inspected->err.empty() ? inspected->out : inspected->err));
  }
  return id.substr(k_sha256.size());
}

}  // namespace

int verify_attestation(const VerifyAttestationOptions& options, std::ostream& out, std::ostream& err) {
  const auto key = util::Ed25519Key::load_public(options.public_key);
  if (!key) {
    fmt::print(err, "hallmark: error: cannot use the key {}\n", key.error());
    return probes::k_exit_usage;
  }
  const auto envelope = util::read_text_file(options.attestation);
  if (!envelope) {
    fmt::print(err, "hallmark: error: cannot read {}\n", options.attestation);
    return probes::k_exit_usage;
  }
  const auto digest = subject_digest(options);
  if (!digest) {
    fmt::print(err, "hallmark: error: cannot resolve the subject: {}\n", digest.error());
    return probes::k_exit_usage;
  }
  const auto refuse = [&](const std::string& why) {
    fmt::print(err, "hallmark: attestation refused: {}: {}\n", options.attestation, why);
    return probes::k_exit_violated;
  };
  const auto payload = reports::open_envelope(*envelope, reports::k_in_toto_payload_type, *key);
  if (!payload) return refuse(payload.error());
  const auto statement = reports::read_statement(*payload);
  if (!statement) return refuse(statement.error());
  const auto named = std::ranges::find(statement->subjects, *digest, &reports::AttestedResource::sha256);
  if (named == statement->subjects.end()) {
    return refuse(fmt::format("it does not name {} (sha256:{})", options.subject, *digest));
  }
  if (statement->result != "PASSED") {
    return refuse(fmt::format("the result is {}{}", statement->result,
                              statement->failed_tests.empty()
                                  ? ""
                                  : fmt::format(" (failed: {})", fmt::join(statement->failed_tests, ", "))));
  }
  fmt::print(out, "hallmark: attestation verified: {} sha256:{} PASSED, signed by key {}\n", named->name, *digest,
             key->key_id());
  return probes::k_exit_ok;
}

}  // namespace hallmark::runner::commands
