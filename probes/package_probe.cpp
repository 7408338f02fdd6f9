#include "probes/package_probe.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "probes/version_match.hpp"

namespace hallmark::probes {

void plan(const contracts::PackageSpec&, FactRequest& request) { request.packages = true; }

Outcome evaluate(const contracts::PackageSpec& spec, const Facts& facts) {
  std::string expected = spec.installed ? fmt::format("{} installed", spec.name)
                                        : fmt::format("{} not installed", spec.name);
  if (spec.version) expected += fmt::format(", version {}", spec.version->text);
  if (spec.arch) expected += fmt::format(", arch {}", *spec.arch);
  if (!facts.packages) return Outcome::error(expected, "package facts were not gathered");
  if (!*facts.packages) return Outcome::error(expected, facts.packages->error());
  const PackageFacts& packages = **facts.packages;
  if (!packages.scheme) {
    return Outcome::fail(expected, "no package database found (looked for dpkg, rpm and apk)");
  }

  std::vector<std::string> found;
  bool any_satisfies = false;
  for (const InstalledPackage& package : packages.installed) {
    if (package.name != spec.name || (spec.arch && package.arch != *spec.arch)) continue;
    found.push_back(package.arch.empty() ? package.version
                                         : fmt::format("{} ({})", package.version, package.arch));
    if (!spec.version || satisfies(*spec.version, package.version, *packages.scheme)) {
      any_satisfies = true;
    }
  }
  if (found.empty()) {
    const std::string actual = fmt::format("{} is not installed", spec.name);
    return spec.installed ? Outcome::fail(expected, actual) : Outcome::pass(expected, actual);
  }
  const std::string actual = fmt::format("{} {} installed", spec.name, fmt::join(found, ", "));
  if (!spec.installed) return Outcome::fail(expected, actual);
  return any_satisfies ? Outcome::pass(expected, actual) : Outcome::fail(expected, actual);
}

}  // namespace hallmark::probes
