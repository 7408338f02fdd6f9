#include "reports/sbom.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "probes/parsers/os_release.hpp"
#include "reports/purl.hpp"

namespace hallmark::reports {

namespace {

using Json = nlohmann::ordered_json;

std::string os_release(const probes::Facts& facts) {
  for (const std::string_view path : probes::parsers::k_os_release_paths) {
    const auto found = facts.files.find(std::string(path));
    if (found != facts.files.end() && found->second && found->second->content) return *found->second->content;
  }
  return "";
}

Json metadata_component(const probes::Snapshot& snapshot, const std::optional<AttestedResource>& image,
                        const Distro& distro, const std::string& pretty_name) {
  if (image) {
    return {{"type", "container"},
            {"bom-ref", "image"},
            {"name", image->name},
            {"hashes", {{{"alg", "SHA-256"}, {"content", image->sha256}}}}};
  }
  Json component{{"type", "operating-system"}, {"bom-ref", "image"},
                 {"name", pretty_name.empty() ? snapshot.provenance.target : pretty_name}};
  if (!distro.version_id.empty()) component["version"] = distro.version_id;
  return component;
}

}  // namespace

std::expected<std::string, std::string> render_sbom(const probes::Snapshot& snapshot,
                                                    const std::optional<AttestedResource>& image) {
  const auto& packages = snapshot.facts.packages;
  if (!packages) return std::unexpected("the snapshot holds no installed packages");
  if (!*packages) return std::unexpected("the installed packages could not be read: " + packages->error().why);
  if (!(*packages)->scheme) return std::unexpected("no known package database was found on the target");
  const std::string release = os_release(snapshot.facts);
  const Distro distro{probes::parsers::os_release_value(release, "ID").value_or(""),
                      probes::parsers::os_release_value(release, "VERSION_ID").value_or("")};

  Json components = Json::array();
  std::set<std::string> refs;
  std::vector<std::pair<std::string, const probes::InstalledPackage*>> sorted;
  for (const probes::InstalledPackage& package : (*packages)->installed) {
    sorted.emplace_back(package_url(*(*packages)->scheme, package, distro), &package);
  }
  std::ranges::sort(sorted, {}, &std::pair<std::string, const probes::InstalledPackage*>::first);
  for (const auto& [purl, package] : sorted) {
    if (!refs.insert(purl).second) continue;  // the same package twice in the database is one component
    components.push_back({{"type", "library"},
                          {"bom-ref", purl},
                          {"name", package->name},
                          {"version", package->version},
                          {"purl", purl}});
  }
  Json metadata = Json::object();
  if (!snapshot.provenance.taken_at.empty()) metadata["timestamp"] = snapshot.provenance.taken_at;
  metadata["tools"] = {{"components", {{{"type", "application"}, {"name", "hallmark"},
                                         {"version", snapshot.provenance.hallmark_version}}}}};
  metadata["component"] = metadata_component(snapshot, image, distro,
                                              probes::parsers::os_release_value(release, "PRETTY_NAME").value_or(""));
  const Json bom{{"$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json"},
                 {"bomFormat", "CycloneDX"},
                 {"specVersion", "1.6"},
                 {"version", 1},
                 {"metadata", metadata},
                 {"components", components}};
  return bom.dump(2) + "\n";
}

}  // namespace hallmark::reports
