#include "reports/purl.hpp"

#include <map>

#include <fmt/format.h>

#include "util/percent_encoding.hpp"

namespace hallmark::reports {

namespace {

// The purl namespace of a distribution whose os-release ID is not its conventional name.
std::string purl_namespace(const std::string& id) { return id == "rhel" ? "redhat" : id; }

std::string_view purl_type(probes::VersionScheme scheme) {
  switch (scheme) {
    case probes::VersionScheme::dpkg: return "deb";
    case probes::VersionScheme::rpm: return "rpm";
    case probes::VersionScheme::apk: return "apk";
  }
  return "generic";
}

}  // namespace

std::string purl_encode(std::string_view text) { return util::percent_encode(text, ":"); }

std::string package_url(probes::VersionScheme scheme, const probes::InstalledPackage& package, const Distro& distro) {
  std::string version = package.version;
  std::map<std::string, std::string> qualifiers{{"arch", package.arch}};
  if (!distro.id.empty()) {
    qualifiers["distro"] = distro.version_id.empty() ? distro.id : fmt::format("{}-{}", distro.id, distro.version_id);
  }
  if (scheme == probes::VersionScheme::rpm) {
    // rpm writes EPOCH:VERSION-RELEASE (epoch 0 left out); a purl carries the epoch as a qualifier.
    if (const std::size_t colon = version.find(':'); colon != std::string::npos) {
      qualifiers["epoch"] = version.substr(0, colon);
      version.erase(0, colon + 1);
    }
  }
  std::string purl = fmt::format("pkg:{}/", purl_type(scheme));
  if (!distro.id.empty()) purl += purl_encode(purl_namespace(distro.id)) + "/";
  purl += purl_encode(package.name);
  if (!version.empty()) purl += "@" + purl_encode(version);
  char separator = '?';
  for (const auto& [key, value] : qualifiers) {
    if (value.empty()) continue;
    purl += fmt::format("{}{}={}", separator, key, purl_encode(value));
    separator = '&';
  }
  return purl;
}

}  // namespace hallmark::reports
