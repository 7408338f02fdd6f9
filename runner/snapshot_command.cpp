#include "runner/snapshot_command.hpp"


#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "contracts/contract_loader.hpp"
#include "contracts/text_file.hpp"
#include "probes/baseline_diff.hpp"
#include "reports/atomic_file.hpp"
#include "reports/diff_text.hpp"
#include "runner/exit_codes.hpp"
#include "runner/fact_gatherer.hpp"

namespace hallmark::runner {

namespace {

// What a snapshot keeps: the whole package database and socket table, os-release, and the
// sysctls and libraries the contract (clauses and [baseline]) names.
probes::FactRequest snapshot_request(const contracts::Contract* contract, const std::vector<std::string>& library_dirs) {
  probes::FactRequest request;
  request.packages = true;
  request.sockets = true;
  request.files = {{"/etc/os-release", true}, {"/usr/lib/os-release", true}};
  request.binary_dirs.insert(library_dirs.begin(), library_dirs.end());
  if (!contract) return request;
  if (contract->package_manager) request.package_manager = probes::version_scheme_from_string(*contract->package_manager);
  for (const contracts::Clause& clause : contract->clauses) {
    if (const auto* sysctl = std::get_if<contracts::SysctlSpec>(&clause.spec)) request.sysctls.insert(sysctl->key);
    if (const auto* symbols = std::get_if<contracts::SymbolsSpec>(&clause.spec); symbols && symbols->library) {
      request.libraries.insert(*symbols->library);
    }
  }
  if (contract->baseline) {
    if (const auto& keys = contract->baseline->sysctl.keys) request.sysctls.insert(keys->begin(), keys->end());
    if (const auto& libraries = contract->baseline->symbols.libraries) {
      request.libraries.insert(libraries->begin(), libraries->end());
    }
  }
  return request;
}

}  // namespace

std::expected<probes::Snapshot, std::string> load_snapshot(const std::string& path) {
  const auto text = contracts::read_text_file(path);
  if (!text) return std::unexpected(fmt::format("cannot read the snapshot {}", path));
  return probes::snapshot_from_json(*text, path);
}

int take_snapshot(const SnapshotOptions& options, std::ostream& out, std::ostream& err) {
  std::optional<contracts::Contract> contract;
  if (options.contract_file) {
    auto loaded = contracts::load_contract(*options.contract_file);
    if (!loaded) {
      for (const contracts::ContractError& error : loaded.error()) fmt::print(err, "{}\n", error.str());
      return k_exit_usage;
    }
    contract = std::move(*loaded);
  }
  const auto spec = parse_target_spec(options.target);
  if (!spec) {
    fmt::print(err, "hallmark: error: {}\n", spec.error());
    return k_exit_usage;
  }
  fmt::print(out, "hallmark: opening {}\n", spec->text);
  auto target = open_target(*spec, options.target_options);
  if (!target) {
    fmt::print(err, "hallmark: error: {}\n", target.error());
    return k_exit_target;
  }
  probes::Snapshot snapshot;
  const reports::TargetInfo& info = (*target)->info();
  snapshot.provenance = {spec->text, info.image, info.image_id, info.image_digests,
                         fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())),
                         HALLMARK_VERSION};
  fmt::print(out, "hallmark: gathering facts over {}\n", (*target)->transport().describe());
  snapshot.facts = gather_facts((*target)->transport(), snapshot_request(contract ? &*contract : nullptr, options.library_dirs),
                                options.fact_timeout);
  if (auto problem = (*target)->check_alive()) {
    fmt::print(err, "hallmark: error: the target failed while it was read: {}\n", *problem);
    return k_exit_target;
  }
  const std::string json = probes::snapshot_to_json(snapshot);
  if (auto written = reports::write_file_atomically(options.output, json); !written) {
    fmt::print(err, "hallmark: error: {}\n", written.error());
    return k_exit_target;
  }
  fmt::print(out, "hallmark: snapshot of {} written to {} ({} bytes)\n", spec->text, options.output, json.size());
  return k_exit_ok;
}

int diff_snapshot_files(const std::string& a, const std::string& b, std::ostream& out, std::ostream& err) {
  const auto before = load_snapshot(a);
  const auto after = load_snapshot(b);
  for (const auto* snapshot : {&before, &after}) {
    if (!*snapshot) {
      fmt::print(err, "hallmark: error: {}\n", snapshot->error());
      return k_exit_usage;
    }
  }
  const auto findings = probes::diff_snapshots(probes::report_everything(), *before, *after);
  reports::print_diff(out, *before, *after, findings);
  return findings.empty() ? k_exit_ok : k_exit_violated;
}

}  // namespace hallmark::runner
