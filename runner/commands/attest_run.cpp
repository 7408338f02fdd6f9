#include "runner/commands/attest_run.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "reports/attestation.hpp"
#include "reports/dsse_envelope.hpp"
#include "runner/commands/image_digest.hpp"
#include "util/sha256.hpp"

namespace hallmark::runner::commands {

namespace {

using reports::AttestedResource;

void add_once(std::vector<AttestedResource>& resources, AttestedResource resource) {
  if (std::ranges::find_if(resources, [&](const AttestedResource& r) { return r.name == resource.name; }) == resources.end()) {
    resources.push_back(std::move(resource));
  }
}

}  // namespace

std::expected<std::string, std::string> attest_run(const reports::RunResult& run,
                                                   const std::optional<std::string>& baseline_path,
                                                   const std::optional<util::Ed25519Key>& key) {
  std::vector<AttestedResource> subjects, configuration;
  for (const reports::SuiteResult& suite : run.suites) {
    auto subject = image_digest(suite.provenance);
    if (!subject) return std::unexpected(subject.error() + ": an attestation names the image it certifies");
    add_once(subjects, std::move(*subject));
    add_once(configuration, {suite.contract_file, suite.contract_sha256});
    for (const contracts::IncludedFile& include : suite.includes) add_once(configuration, {include.file, include.sha256});
  }
  if (baseline_path) {
    auto hex = util::sha256_file_hex(*baseline_path);
    if (!hex) return std::unexpected(hex.error());
    add_once(configuration, {*baseline_path, std::move(*hex)});
  }
  const std::string statement = reports::render_statement(run, subjects, configuration);
  if (!key) return statement;
  return reports::sign_envelope(reports::k_in_toto_payload_type, statement, *key);
}

}  // namespace hallmark::runner::commands
