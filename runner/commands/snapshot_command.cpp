#include "runner/commands/snapshot_command.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "contracts/contract_loader.hpp"
#include "probes/fact_plan.hpp"
#include "probes/gate.hpp"
#include "reports/sbom.hpp"
#include "runner/commands/image_digest.hpp"
#include "runner/gather/fact_gatherer.hpp"
#include "util/atomic_file.hpp"
#include "util/text_file.hpp"

namespace hallmark::runner::commands {

std::expected<probes::Snapshot, std::string> load_snapshot(const std::string& path) {
  const auto text = util::read_text_file(path);
  if (!text) return std::unexpected(fmt::format("cannot read the snapshot {}", path));
  return probes::snapshot_from_json(*text, path);
}

int take_snapshot(const SnapshotOptions& options, std::ostream& out, std::ostream& err) {
  std::optional<contracts::Contract> contract;
  if (options.contract_file) {
    auto loaded = contracts::load_contract(*options.contract_file);
    if (!loaded) {
      for (const contracts::ContractError& error : loaded.error()) fmt::print(err, "{}\n", error.str());
      return probes::k_exit_usage;
    }
    contract = std::move(*loaded);
  }
  const auto spec = targets::parse_usable_target(options.target, options.target_options);
  if (!spec) {
    fmt::print(err, "hallmark: error: {}\n", spec.error());
    return probes::k_exit_usage;
  }
  fmt::print(out, "hallmark: opening {}\n", spec->text);
  auto target = targets::open_target(*spec, options.target_options);
  if (!target) {
    fmt::print(err, "hallmark: error: {}\n", target.error());
    return probes::k_exit_target;
  }
  probes::Snapshot snapshot;
  snapshot.provenance = (*target)->provenance();
  snapshot.provenance.taken_at =
      fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  snapshot.provenance.hallmark_version = HALLMARK_VERSION;
  fmt::print(out, "hallmark: gathering facts over {}\n", (*target)->transport().describe());
  snapshot.facts = gather::gather_facts((*target)->transport(),
                                        probes::plan_snapshot(contract ? &*contract : nullptr, options.library_dirs),
                                        options.fact_timeout);
  if (auto problem = (*target)->check_alive()) {
    fmt::print(err, "hallmark: error: the target failed while it was read: {}\n", *problem);
    return probes::k_exit_target;
  }
  const std::string json = probes::snapshot_to_json(snapshot);
  if (auto written = util::write_file_atomically(options.output, json); !written) {
    fmt::print(err, "hallmark: error: {}\n", written.error());
    return probes::k_exit_target;
  }
  fmt::print(out, "hallmark: snapshot of {} written to {} ({} bytes)\n", spec->text, options.output, json.size());
  if (!options.sbom_path) return probes::k_exit_ok;
  const auto image = image_digest(snapshot.provenance);
  const auto sbom = reports::render_sbom(snapshot, image ? std::optional(*image) : std::nullopt);
  if (!sbom) {
    fmt::print(err, "hallmark: error: cannot write the SBOM: {}\n", sbom.error());
    return probes::k_exit_target;
  }
  if (auto written = util::write_file_atomically(*options.sbom_path, *sbom); !written) {
    fmt::print(err, "hallmark: error: {}\n", written.error());
    return probes::k_exit_target;
  }
  fmt::print(out, "hallmark: SBOM (CycloneDX 1.6) of {} written to {}\n", spec->text, *options.sbom_path);
  return probes::k_exit_ok;
}

}  // namespace hallmark::runner::commands
