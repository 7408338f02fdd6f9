#include "reports/diff_text.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace hallmark::reports {
namespace {

using contracts::DiffAction;
using probes::BaselineFinding;

probes::Snapshot snapshot(std::string target, std::string image, std::string version_id) {
  probes::Snapshot snapshot;
  snapshot.provenance = {.target = target,
                         .image = image,
                         .image_id = "sha256:" + version_id,
                         .image_digests = {"reg/core@sha256:" + version_id},
                         .taken_at = "2026-11-24T12:00:00Z",
                         .hallmark_version = "0.1.0"};
  probes::FileInfo release;
  release.exists = true;
  release.content = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"" + version_id + "\"\n";
  snapshot.facts.files["/etc/os-release"] = release;
  return snapshot;
}

std::string diff_text(const std::vector<BaselineFinding>& findings) {
  std::ostringstream out;
  print_diff(out, snapshot("docker-image:core:12.5", "core:12.5", "125"), snapshot("docker-image:core:12.6", "core:12.6", "126"),
             findings);
  return out.str();
}

TEST(DiffText, ShowsBothProvenancesThenFindingsGroupedByKindWithCounts) {
  const std::vector<BaselineFinding> findings{
      {"baseline.packages", "package.added.curl", DiffAction::report, "not installed", "curl 7.88.1-10 (amd64)", false},
      {"baseline.packages", "package.removed.libfoo", DiffAction::fail, "libfoo 1.0-1 (amd64)", "not installed", false},
      {"baseline.sysctl", "sysctl.unavailable.kernel.x", DiffAction::fail, "kernel.x = 1", "Permission denied", true},
  };
  EXPECT_EQ(diff_text(findings), R"(a: docker-image:core:12.5
   image  core:12.5 sha256:125 (reg/core@sha256:125)
   os     Debian GNU/Linux 12 (bookworm)
   taken  2026-11-24T12:00:00Z by hallmark 0.1.0
b: docker-image:core:12.6
   image  core:12.6 sha256:126 (reg/core@sha256:126)
   os     Debian GNU/Linux 12 (bookworm)
   taken  2026-11-24T12:00:00Z by hallmark 0.1.0

packages: 2 differences
  package.added.curl [report]
    - not installed
    + curl 7.88.1-10 (amd64)
  package.removed.libfoo [fail]
    - libfoo 1.0-1 (amd64)
    + not installed

sysctl: 1 difference
  sysctl.unavailable.kernel.x [error]
    - kernel.x = 1
    ! Permission denied

3 differences: 1 fail, 1 report, 1 error
)");
}

TEST(DiffText, IdenticalSnapshotsSayThereIsNoDifference) {
  const std::string text = diff_text({});
  EXPECT_TRUE(text.ends_with("by hallmark 0.1.0\n\nno differences\n")) << text;
}

TEST(DiffText, TargetsWithoutAnImageOrOsReleaseStillPrint) {
  probes::Snapshot host;
  host.provenance = {.target = "ssh:build@host", .taken_at = "2026-11-24T12:00:00Z", .hallmark_version = "0.1.0"};
  std::ostringstream out;
  print_diff(out, host, host, {});
  EXPECT_EQ(out.str(), R"(a: ssh:build@host
   os     (unknown)
   taken  2026-11-24T12:00:00Z by hallmark 0.1.0
b: ssh:build@host
   os     (unknown)
   taken  2026-11-24T12:00:00Z by hallmark 0.1.0

no differences
)");
}

TEST(DiffText, EscapeSequencesFromTheTargetAreShownNotObeyed) {
  probes::Snapshot a = snapshot("docker-image:core:12.5", "core:12.5", "125");
  a.facts.files["/etc/os-release"]->content = "PRETTY_NAME=\"Debian\x1b[2J\"\n";
  const std::vector<BaselineFinding> findings{
      {"baseline.packages", "package.added.evil\x1b]0;x\x07", DiffAction::report, "not installed", "evil 1\r\n+ ok",
       false}};
  std::ostringstream out;
  print_diff(out, a, a, findings);
  const std::string text = out.str();
  EXPECT_NE(text.find("   os     Debian\\x1b[2J\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  package.added.evil\\x1b]0;x\\x07 [report]\n    - not installed\n    + evil 1\\x0d\\x0a+ ok\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
}

}  // namespace
}  // namespace hallmark::reports
