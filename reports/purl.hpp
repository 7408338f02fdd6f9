#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "probes/facts.hpp"

namespace hallmark::reports {

// The distribution a package came from, as os-release(5) names it.
struct Distro {
  std::string id;          // ID: "debian", "rhel", "alpine"
  std::string version_id;  // VERSION_ID: "12", "9.3", "3.19.1"
};

// A component of a package URL percent-encoded per the purl spec: everything but ASCII letters,
// digits, '-', '.', '_', '~' and ':' is written %XX (UTF-8 bytes, upper-case hex).
std::string purl_encode(std::string_view text);

// The package URL of an installed package of a family (docs/sbom.md):
//   pkg:deb/debian/NAME@VERSION?arch=ARCH&distro=debian-12
//   pkg:rpm/redhat/NAME@VERSION-RELEASE?arch=ARCH&distro=rhel-9.3&epoch=1   (epoch only when not 0)
//   pkg:apk/alpine/NAME@VERSION?arch=ARCH&distro=alpine-3.19.1
// The namespace is the os-release ID (rhel's is "redhat"); qualifiers are sorted and empty ones
// left out, as the spec's canonical form has them.
std::string package_url(probes::VersionScheme scheme, const probes::InstalledPackage& package, const Distro& distro);

}  // namespace hallmark::reports
