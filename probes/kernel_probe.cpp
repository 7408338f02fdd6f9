#include "probes/kernel_probe.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "probes/rpm_version.hpp"
#include "probes/sysctl_probe.hpp"
#include "probes/version_match.hpp"

namespace hallmark::probes {

namespace {

constexpr std::string_view k_release_key = "kernel.osrelease";
constexpr std::string_view k_cmdline_path = "/proc/cmdline";

std::string describe_expected(const contracts::KernelSpec& spec) {
  std::vector<std::string> parts;
  if (spec.release) parts.push_back(fmt::format("release {}", spec.release->text));
  if (spec.release_matches) parts.push_back(fmt::format("release matches /{}/", spec.release_matches->text()));
  for (const std::string& text : spec.cmdline_contains) parts.push_back(fmt::format("cmdline contains \"{}\"", text));
  return fmt::format("kernel {}", fmt::join(parts, ", "));
}

}  // namespace

void plan(const contracts::KernelSpec& spec, FactRequest& request) {
  if (spec.release || spec.release_matches) request.sysctls.insert(std::string(k_release_key));
  if (!spec.cmdline_contains.empty()) request.files[std::string(k_cmdline_path)] = true;
}

Outcome evaluate(const contracts::KernelSpec& spec, const Facts& facts) {
  const std::string expected = describe_expected(spec);
  std::vector<std::string> actual;
  std::vector<std::string> problems;
  if (spec.release || spec.release_matches) {
    const auto found = facts.sysctls.find(std::string(k_release_key));
    if (found == facts.sysctls.end() || !found->second || !*found->second) {
      return Outcome::error(expected, found != facts.sysctls.end() && !found->second ? found->second.error()
                                                                                      : "the kernel release was not gathered");
    }
    const std::string release = normalise_whitespace(**found->second);
    actual.push_back(fmt::format("release {}", release));
    // rpmvercmp orders "6.1.0-13-amd64" segment by segment without splitting off a revision.
    if (spec.release && !satisfies(*spec.release, release, rpmvercmp)) problems.push_back("release");
    if (spec.release_matches && !spec.release_matches->found_in(release)) problems.push_back("release");
  }
  if (!spec.cmdline_contains.empty()) {
    const auto found = facts.files.find(std::string(k_cmdline_path));
    if (found == facts.files.end() || !found->second || !found->second->content) {
      return Outcome::error(expected, found != facts.files.end() && !found->second ? found->second.error()
                                                                                   : "the kernel command line was not gathered");
    }
    const std::string cmdline = normalise_whitespace(*found->second->content);
    actual.push_back(fmt::format("cmdline \"{}\"", cmdline));
    for (const std::string& text : spec.cmdline_contains) {
      if (cmdline.find(text) == std::string::npos) problems.push_back("cmdline");
    }
  }
  const std::string summary = fmt::format("kernel {}", fmt::join(actual, ", "));
  return problems.empty() ? Outcome::pass(expected, summary) : Outcome::fail(expected, summary);
}

}  // namespace hallmark::probes
