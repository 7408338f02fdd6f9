#include "reports/release_notes.hpp"

#include <chrono>
#include <sstream>

#include <gtest/gtest.h>

#include "runner/transports/process.hpp"
#include "support/hallmark_cli.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::reports {
namespace {

using contracts::Protocol;
using probes::ElfSymbol;
using probes::Snapshot;

probes::LibraryFacts library(std::vector<ElfSymbol> exports, std::vector<std::string> versions) {
  probes::ElfFacts elf;
  elf.soname = "libdemo.so.1";
  elf.exports = std::move(exports);
  elf.version_definitions = std::move(versions);
  return {"/usr/lib/libdemo.so.1", elf};
}

// Debian 12.5 and 12.6 as snapshots: one package each added, upgraded, downgraded and removed,
// a symbol and a version added, a symbol removed, a port opened, a sysctl changed.
Snapshot snapshot(bool after) {
  Snapshot snapshot;
  snapshot.provenance = {.target = after ? "docker-image:core:12.6" : "docker-image:core:12.5",
                         .image = after ? "core:12.6" : "core:12.5",
                         .image_id = after ? "sha256:bb" : "sha256:aa",
                         .taken_at = "2026-11-24T12:00:00Z",
                         .hallmark_version = "0.1.0"};
  probes::FileInfo release;
  release.exists = true;
  release.content = std::string("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"") +
                    (after ? "12.6" : "12.5") + "\"\n";
  snapshot.facts.files["/etc/os-release"] = release;
  std::vector<probes::InstalledPackage> packages{{"openssl", after ? "3.0.13-1~deb12u1" : "3.0.11-1~deb12u2", "amd64"},
                                                 {"tzdata", after ? "2024a-0+deb12u1" : "2024b-0+deb12u1", "all"},
                                                 {after ? "curl" : "telnetd", after ? "7.88.1-10" : "0.17-41", "amd64"}};
  snapshot.facts.packages = probes::PackageFacts{probes::VersionScheme::dpkg, packages};
  snapshot.facts.sysctls["net.ipv4.ip_forward"] = std::optional<std::string>{after ? "1" : "0"};
  std::vector<probes::Socket> sockets{{Protocol::tcp, "0.0.0.0", 22, true}};
  if (after) sockets.push_back({Protocol::tcp, "0.0.0.0", 8080, true});
  snapshot.facts.sockets = sockets;
  const ElfSymbol foo{"foo", "VERS_1", true, false, true};
  const ElfSymbol bar{"bar", "VERS_1", true, false, true};
  const ElfSymbol baz{"baz", "VERS_2", true, false, true};
  snapshot.facts.libraries["libdemo.so.1"] =
      after ? library({baz, foo}, {"VERS_1", "VERS_2"}) : library({bar, foo}, {"VERS_1"});
  return snapshot;
}

std::string notes(const Snapshot& a, const Snapshot& b) {
  std::ostringstream out;
  print_release_notes(out, a, b, probes::diff_snapshots(probes::report_everything(), a, b));
  return out.str();
}

TEST(ReleaseNotes, ListEveryChangeWithBothVersionsInAStableOrder) {
  EXPECT_EQ(notes(snapshot(false), snapshot(true)), R"(# Release notes: core:12\.6

| | Before | After |
|---|---|---|
| Image | core:12\.5 | core:12\.6 |
| Image id | sha256:aa | sha256:bb |
| Operating system | Debian GNU/Linux 12 \(bookworm\) | Debian GNU/Linux 12 \(bookworm\) |
| os-release version | 12\.5 | 12\.6 |
| Snapshot taken | 2026\-11\-24T12:00:00Z | 2026\-11\-24T12:00:00Z |

## Operating system

The os-release version changed from 12\.5 to 12\.6.

## Packages

### Added (1)

| Package | Architecture | After |
|---|---|---|
| `curl` | amd64 | `7.88.1-10` |

### Upgraded (1)

| Package | Architecture | Before | After |
|---|---|---|---|
| `openssl` | amd64 | `3.0.11-1~deb12u2` | `3.0.13-1~deb12u1` |

### Downgraded (1)

| Package | Architecture | Before | After |
|---|---|---|---|
| `tzdata` | all | `2024b-0+deb12u1` | `2024a-0+deb12u1` |

### Removed (1)

| Package | Architecture | Before |
|---|---|---|
| `telnetd` | amd64 | `0.17-41` |

## ABI

### libdemo\.so\.1

- Symbol removed: `bar@@VERS_1`
- Symbol added: `baz@@VERS_2`
- Version added: `VERS_2`

## Ports

- Opened: tcp 0\.0\.0\.0:8080 listening

## Kernel parameters

| Parameter | Before | After |
|---|---|---|
| `net.ipv4.ip_forward` | `0` | `1` |
)");
}

TEST(ReleaseNotes, IdenticalSnapshotsSayNothingChangedInEachSection) {
  const std::string text = notes(snapshot(false), snapshot(false));
  EXPECT_NE(text.find("The os-release version is unchanged: 12\\.5."), std::string::npos) << text;
  EXPECT_NE(text.find("No package was added, upgraded, downgraded or removed."), std::string::npos) << text;
  EXPECT_NE(text.find("No library, exported symbol or symbol version changed."), std::string::npos) << text;
  EXPECT_NE(text.find("No listening port opened or closed."), std::string::npos) << text;
  EXPECT_NE(text.find("No kernel parameter changed."), std::string::npos) << text;
}

TEST(ReleaseNotes, UpgradeAndDowngradeFollowTheSnapshotsVersionScheme) {
  // Under rpm's rules 1.10 is newer than 1.9 (as under dpkg), and a tilde sorts before release.
  Snapshot a = snapshot(false), b = snapshot(false);
  a.facts.packages = probes::PackageFacts{probes::VersionScheme::rpm, {{"bash", "5.1.8-6.el9", "x86_64"}, {"zlib", "1.2.11-40.el9", "x86_64"}}};
  b.facts.packages = probes::PackageFacts{probes::VersionScheme::rpm, {{"bash", "5.1.10-1.el9", "x86_64"}, {"zlib", "1.2.11~rc1-1.el9", "x86_64"}}};
  const std::string text = notes(a, b);
  EXPECT_NE(text.find("### Upgraded (1)\n\n| Package | Architecture | Before | After |\n|---|---|---|---|\n| `bash` |"),
            std::string::npos) << text;
  EXPECT_NE(text.find("### Downgraded (1)\n\n| Package | Architecture | Before | After |\n|---|---|---|---|\n| `zlib` |"),
            std::string::npos) << text;
}

TEST(ReleaseNotes, UnavailableFactsAreListedAsNotCompared) {
  Snapshot a = snapshot(false), b = snapshot(true);
  b.facts.sockets = probes::Fact<std::vector<probes::Socket>>{std::unexpected("permission denied")};
  const std::string text = notes(a, b);
  EXPECT_NE(text.find("## Not compared\n\n- listening sockets: permission denied\n"), std::string::npos) << text;
}

TEST(ReleaseNotes, MarkupInImageTextIsEscaped) {
  Snapshot a = snapshot(false), b = snapshot(true);
  b.provenance.image = "core|<b>*12*</b>";
  const std::string text = notes(a, b);
  EXPECT_NE(text.find("# Release notes: core\\|&lt;b&gt;\\*12\\*&lt;/b&gt;\n"), std::string::npos) << text;
}

// python3-markdown (Debian), which hallmark did not write, reads the notes back as headings,
// table rows and list items.
TEST(ReleaseNotesConsumer, PythonMarkdownReadsTheSectionsTablesAndItems) {
  testing::TempDir dir;
  const std::string path = dir.write("notes.md", notes(snapshot(false), snapshot(true)));
  const auto read = runner::transports::run_process(
      {"/usr/bin/python3", testing::source_path("tests/support/read_document.py"), "markdown", path}, {}, std::chrono::seconds{60});
  ASSERT_TRUE(read && read->exit_code == 0) << (read ? read->err : read.error());
  EXPECT_EQ(read->out, R"(h1 Release notes: core:12.6
row  | Before | After
row Image | core:12.5 | core:12.6
row Image id | sha256:aa | sha256:bb
row Operating system | Debian GNU/Linux 12 (bookworm) | Debian GNU/Linux 12 (bookworm)
row os-release version | 12.5 | 12.6
row Snapshot taken | 2026-11-24T12:00:00Z | 2026-11-24T12:00:00Z
h2 Operating system
h2 Packages
h3 Added (1)
row Package | Architecture | After
row curl | amd64 | 7.88.1-10
h3 Upgraded (1)
row Package | Architecture | Before | After
row openssl | amd64 | 3.0.11-1~deb12u2 | 3.0.13-1~deb12u1
h3 Downgraded (1)
row Package | Architecture | Before | After
row tzdata | all | 2024b-0+deb12u1 | 2024a-0+deb12u1
h3 Removed (1)
row Package | Architecture | Before
row telnetd | amd64 | 0.17-41
h2 ABI
h3 libdemo.so.1
li Symbol removed: bar@@VERS_1
li Symbol added: baz@@VERS_2
li Version added: VERS_2
h2 Ports
li Opened: tcp 0.0.0.0:8080 listening
h2 Kernel parameters
row Parameter | Before | After
row net.ipv4.ip_forward | 0 | 1
)");
}

}  // namespace
}  // namespace hallmark::reports
