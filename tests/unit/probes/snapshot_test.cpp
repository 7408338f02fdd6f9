#include "probes/snapshot.hpp"

#include <chrono>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "probes/parsers/os_release.hpp"

namespace hallmark::probes {
namespace {

ElfFacts demo_elf() {
  ElfFacts elf;
  elf.soname = "libdemo.so.1";
  elf.needed = {"libc.so.6"};
  elf.exports = {{"bar", "", true, false, false}, {"foo", "VERS_1", false, false, false}, {"foo", "VERS_2", true, false, false}};
  elf.version_definitions = {"VERS_1", "VERS_2"};
  elf.version_needs = {{"libc.so.6", {"GLIBC_2.2.5", "GLIBC_2.34"}}};
  return elf;
}

FileInfo os_release(std::string content) {
  FileInfo file;
  file.exists = true;
  file.content = std::move(content);
  return file;
}

Snapshot sample() {
  Snapshot snapshot;
  snapshot.provenance = {.target = "docker-image:core:12.5",
                         .image = "core:12.5",
                         .image_id = "sha256:aaaa",
                         .image_digests = {"reg/core@sha256:2222", "reg/core@sha256:1111"},
                         .taken_at = "2026-11-24T12:00:00Z",
                         .hallmark_version = "0.1.0"};
  Facts& facts = snapshot.facts;
  facts.packages = PackageFacts{VersionScheme::dpkg,
                                {{"openssl", "3.0.11-1~deb12u2", "amd64"}, {"libc6", "2.36-9", "i386"}, {"libc6", "2.36-9", "amd64"}}};
  facts.files["/etc/os-release"] =
      os_release("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n# a comment\nVERSION_ID=\"12\"\nID=debian\n");
  facts.files["/usr/lib/os-release"] = FileInfo{};
  facts.sysctls["net.ipv4.ip_forward"] = std::optional<std::string>{"0"};
  facts.sysctls["kernel.no_such_key"] = std::optional<std::string>{};
  facts.sockets = std::vector<Socket>{{contracts::Protocol::udp, "::", 5353, true},
                                      {contracts::Protocol::tcp, "0.0.0.0", 22, true},
                                      {contracts::Protocol::tcp, "10.0.0.5", 41000, false}};
  facts.libraries["libdemo.so.1"] = LibraryFacts{"/usr/lib/libdemo.so.1", demo_elf()};
  facts.libraries["libgone.so.1"] = LibraryFacts{};
  facts.binary_dirs["/opt/lib"] = std::vector<BinaryFacts>{{"/opt/lib/notes.so", std::unexpected("not an ELF file")},
                                                           {"/opt/lib/libdemo.so.1.0", demo_elf()}};
  return snapshot;
}

Snapshot read_back(const std::string& json) {
  auto snapshot = snapshot_from_json(json, "core.snapshot.json");
  EXPECT_TRUE(snapshot.has_value()) << (snapshot ? "" : snapshot.error());
  return snapshot ? *snapshot : Snapshot{};
}

std::string refusal(std::string_view json) {
  const auto snapshot = snapshot_from_json(json, "core.snapshot.json");
  EXPECT_FALSE(snapshot.has_value());
  return snapshot ? "" : snapshot.error();
}

// A valid snapshot with one section replaced (or removed when `value` is empty).
std::string with_section(const std::string& key, const std::string& value) {
  nlohmann::json document = nlohmann::json::parse(snapshot_to_json(sample()));
  if (value.empty()) {
    document.erase(key);
  } else {
    document[key] = nlohmann::json::parse(value);
  }
  return document.dump();
}

TEST(SnapshotJson, IsWrittenSortedWithListeningPortsOnly) {
  EXPECT_EQ(snapshot_to_json(sample()), R"json({
  "format": "hallmark-snapshot",
  "format_version": 1,
  "provenance": {
    "target": "docker-image:core:12.5",
    "image": "core:12.5",
    "image_id": "sha256:aaaa",
    "image_digests": [
      "reg/core@sha256:1111",
      "reg/core@sha256:2222"
    ],
    "taken_at": "2026-11-24T12:00:00Z",
    "hallmark_version": "0.1.0"
  },
  "packages": {
    "scheme": "dpkg",
    "installed": [
      {
        "name": "libc6",
        "version": "2.36-9",
        "arch": "amd64"
      },
      {
        "name": "libc6",
        "version": "2.36-9",
        "arch": "i386"
      },
      {
        "name": "openssl",
        "version": "3.0.11-1~deb12u2",
        "arch": "amd64"
      }
    ]
  },
  "os_release": {
    "ID": "debian",
    "PRETTY_NAME": "Debian GNU/Linux 12 (bookworm)",
    "VERSION_ID": "12"
  },
  "sysctls": {
    "kernel.no_such_key": null,
    "net.ipv4.ip_forward": "0"
  },
  "ports": [
    {
      "protocol": "tcp",
      "address": "0.0.0.0",
      "port": 22
    },
    {
      "protocol": "udp",
      "address": "::",
      "port": 5353
    }
  ],
  "libraries": {
    "libdemo.so.1": {
      "path": "/usr/lib/libdemo.so.1",
      "soname": "libdemo.so.1",
      "needed": [
        "libc.so.6"
      ],
      "exports": [
        "bar",
        "foo@@VERS_2",
        "foo@VERS_1"
      ],
      "version_definitions": [
        "VERS_1",
        "VERS_2"
      ],
      "version_needs": {
        "libc.so.6": [
          "GLIBC_2.2.5",
          "GLIBC_2.34"
        ]
      }
    },
    "libgone.so.1": {
      "path": "",
      "elf_error": "not found on the target"
    }
  },
  "library_dirs": {
    "/opt/lib": {
      "/opt/lib/libdemo.so.1.0": {
        "soname": "libdemo.so.1",
        "needed": [
          "libc.so.6"
        ],
        "exports": [
          "bar",
          "foo@@VERS_2",
          "foo@VERS_1"
        ],
        "version_definitions": [
          "VERS_1",
          "VERS_2"
        ],
        "version_needs": {
          "libc.so.6": [
            "GLIBC_2.2.5",
            "GLIBC_2.34"
          ]
        }
      },
      "/opt/lib/notes.so": {
        "elf_error": "not an ELF file"
      }
    }
  }
}
)json");
}

TEST(SnapshotJson, ReadsBackEveryFactItWrote) {
  const std::string json = snapshot_to_json(sample());
  const Snapshot snapshot = read_back(json);
  EXPECT_EQ(snapshot_to_json(snapshot), json);

  EXPECT_EQ(snapshot.provenance.target, "docker-image:core:12.5");
  EXPECT_EQ(snapshot.provenance.image_digests, (std::vector<std::string>{"reg/core@sha256:1111", "reg/core@sha256:2222"}));
  const Facts& facts = snapshot.facts;
  ASSERT_TRUE(facts.packages && *facts.packages);
  EXPECT_EQ((*facts.packages)->scheme, VersionScheme::dpkg);
  ASSERT_EQ((*facts.packages)->installed.size(), 3u);
  EXPECT_EQ((*facts.packages)->installed[2].version, "3.0.11-1~deb12u2");
  const auto& release = facts.files.at("/etc/os-release");
  ASSERT_TRUE(release && release->exists && release->content);
  EXPECT_EQ(parsers::os_release_value(*release->content, "PRETTY_NAME"), "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(*facts.sysctls.at("net.ipv4.ip_forward"), std::optional<std::string>{"0"});
  EXPECT_EQ(*facts.sysctls.at("kernel.no_such_key"), std::nullopt);
  ASSERT_TRUE(facts.sockets && *facts.sockets);
  ASSERT_EQ((*facts.sockets)->size(), 2u);
  EXPECT_TRUE((*facts.sockets)->front().listening);
  const auto& demo = facts.libraries.at("libdemo.so.1");
  ASSERT_TRUE(demo && demo->elf);
  EXPECT_EQ(demo->path, "/usr/lib/libdemo.so.1");
  const ElfFacts expected = demo_elf();
  EXPECT_EQ(demo->elf->soname, expected.soname);
  EXPECT_EQ(demo->elf->needed, expected.needed);
  EXPECT_EQ(demo->elf->exports, expected.exports);
  EXPECT_EQ(demo->elf->version_definitions, expected.version_definitions);
  EXPECT_EQ(demo->elf->version_needs, expected.version_needs);
  const auto& gone = facts.libraries.at("libgone.so.1");
  ASSERT_TRUE(gone.has_value());
  EXPECT_EQ(gone->path, "");
  EXPECT_EQ(gone->elf.error(), "not found on the target");
  const auto& dir = facts.binary_dirs.at("/opt/lib");
  ASSERT_TRUE(dir.has_value());
  ASSERT_EQ(dir->size(), 2u);
  EXPECT_EQ((*dir)[0].path, "/opt/lib/libdemo.so.1.0");
  EXPECT_EQ((*dir)[1].elf.error(), "not an ELF file");
}

TEST(SnapshotJson, FactsThatCouldNotBeGatheredComeBackAsErrorsNotAsEmptyLists) {
  Snapshot snapshot = sample();
  snapshot.facts.packages = std::unexpected("dpkg database unreadable");
  snapshot.facts.sockets = std::nullopt;
  snapshot.facts.files["/etc/os-release"] = std::unexpected("target lost");
  snapshot.facts.sysctls["kernel.secret"] = std::unexpected("Permission denied");
  snapshot.facts.libraries["libdemo.so.1"] = std::unexpected("target lost");
  snapshot.facts.binary_dirs["/opt/lib"] = std::unexpected("timed out");
  const std::string json = snapshot_to_json(snapshot);
  EXPECT_NE(json.find(R"("ports": {
    "error": "listening sockets were not gathered"
  })"), std::string::npos) << json;

  const Facts facts = read_back(json).facts;
  ASSERT_TRUE(facts.packages.has_value());
  EXPECT_EQ(facts.packages->error(), "dpkg database unreadable");
  ASSERT_TRUE(facts.sockets.has_value());
  EXPECT_EQ(facts.sockets->error(), "listening sockets were not gathered");
  EXPECT_EQ(facts.files.at("/etc/os-release").error(), "target lost");
  EXPECT_EQ(facts.sysctls.at("kernel.secret").error(), "Permission denied");
  EXPECT_EQ(facts.libraries.at("libdemo.so.1").error(), "target lost");
  EXPECT_EQ(facts.binary_dirs.at("/opt/lib").error(), "timed out");
}

TEST(SnapshotJson, OsReleaseValuesWithQuotesAndDollarsSurvive) {
  Snapshot snapshot = sample();
  snapshot.facts.files["/etc/os-release"] = os_release("NAME='My \"OS\"'\nVARIANT=\"costs \\$5 \\\\ day\"\n");
  const Facts facts = read_back(snapshot_to_json(snapshot)).facts;
  const std::string& content = *facts.files.at("/etc/os-release")->content;
  EXPECT_EQ(parsers::os_release_value(content, "NAME"), "My \"OS\"");
  EXPECT_EQ(parsers::os_release_value(content, "VARIANT"), "costs $5 \\ day");
}

TEST(SnapshotJson, AnImageWithoutOsReleaseReadsBackAsAbsentFiles) {
  Snapshot snapshot = sample();
  snapshot.facts.files["/etc/os-release"] = FileInfo{};
  const std::string json = snapshot_to_json(snapshot);
  EXPECT_NE(json.find("\"os_release\": null"), std::string::npos);
  const Facts facts = read_back(json).facts;
  EXPECT_FALSE(facts.files.at("/etc/os-release")->exists);
  EXPECT_FALSE(facts.files.at("/usr/lib/os-release")->exists);
}

TEST(SnapshotJson, TextThatIsNotJsonIsRefused) {
  EXPECT_EQ(refusal("core 12.5"), "core.snapshot.json is not a hallmark snapshot: not JSON: parse error at line 1, column 1: "
                                  "syntax error while parsing value - invalid literal; last read: 'c'");
}

TEST(SnapshotJson, TruncatedSnapshotIsRefused) {
  const std::string json = snapshot_to_json(sample());
  const std::string message = refusal(json.substr(0, json.size() / 2));
  EXPECT_TRUE(message.starts_with("core.snapshot.json is not a hallmark snapshot: not JSON: parse error at line")) << message;
}

TEST(SnapshotJson, OtherJsonDocumentsAreRefused) {
  EXPECT_EQ(refusal("[]"), "core.snapshot.json is not a hallmark snapshot: the document must be an object, not array");
  EXPECT_EQ(refusal(R"({"format": 1})"), "core.snapshot.json is not a hallmark snapshot: 'format' must be a string, not number");
  EXPECT_EQ(refusal(R"({"format": "hallmark-report", "format_version": 1})"),
            "core.snapshot.json is not a hallmark snapshot: 'format' is \"hallmark-report\", not \"hallmark-snapshot\"");
  EXPECT_EQ(refusal(R"({"format": "hallmark-snapshot"})"), "core.snapshot.json is not a hallmark snapshot: 'format_version' is missing");
  EXPECT_EQ(refusal(R"({"format": "hallmark-snapshot", "format_version": 0})"),
            "core.snapshot.json is not a hallmark snapshot: 'format_version' must be from 1 to 1, not 0");
}

TEST(SnapshotJson, NewerFormatIsRefusedWhateverItHolds) {
  EXPECT_EQ(refusal(R"({"format": "hallmark-snapshot", "format_version": 2})"),
            "core.snapshot.json was written by a newer hallmark (format 2); this hallmark reads format 1");
}

TEST(SnapshotJson, MissingSectionIsRefusedRatherThanReadAsEmpty) {
  EXPECT_EQ(refusal(with_section("sysctls", "")), "core.snapshot.json is not a hallmark snapshot: 'sysctls' is missing");
  EXPECT_EQ(refusal(with_section("packages", R"({"scheme": "dpkg"})")),
            "core.snapshot.json is not a hallmark snapshot: 'packages.installed' is missing");
}

TEST(SnapshotJson, WrongTypeIsNamedWithItsPath) {
  EXPECT_EQ(refusal(with_section("packages", R"({"scheme": "dpkg", "installed": [{"name": "a", "version": 1, "arch": "all"}]})")),
            "core.snapshot.json is not a hallmark snapshot: 'packages.installed[0].version' must be a string, not number");
  EXPECT_EQ(refusal(with_section("packages", R"({"scheme": "pacman", "installed": []})")),
            "core.snapshot.json is not a hallmark snapshot: 'packages.scheme' must be \"dpkg\", \"rpm\", \"apk\" or null, "
            "not \"pacman\"");
  EXPECT_EQ(refusal(with_section("sysctls", R"({"kernel.x": 1})")),
            "core.snapshot.json is not a hallmark snapshot: 'sysctls[\"kernel.x\"]' must be a string, not number");
  EXPECT_EQ(refusal(with_section("ports", R"([{"protocol": "sctp", "address": "::", "port": 1}])")),
            "core.snapshot.json is not a hallmark snapshot: 'ports[0].protocol' must be \"tcp\" or \"udp\", not \"sctp\"");
  EXPECT_EQ(refusal(with_section("libraries", R"({"libz.so.1": {"path": "/lib/libz.so.1", "soname": "libz.so.1"}})")),
            "core.snapshot.json is not a hallmark snapshot: 'libraries[\"libz.so.1\"].needed' is missing");
  EXPECT_EQ(refusal(with_section("os_release", R"({"id": "debian"})")),
            "core.snapshot.json is not a hallmark snapshot: 'os_release[\"id\"]' is not an os-release name");
}

TEST(SnapshotJson, NumbersOutOfRangeAreRefusedNamingTheFile) {
  // 1e400 overflows a double: the JSON library threw out_of_range, which nothing caught.
  EXPECT_EQ(refusal(R"({"format": 1e400})"),
            "core.snapshot.json is not a hallmark snapshot: not JSON: number overflow parsing '1e400'");
  // Above 2^63 an integer was read as -1.
  EXPECT_EQ(refusal(R"({"format": "hallmark-snapshot", "format_version": 18446744073709551615})"),
            "core.snapshot.json is not a hallmark snapshot: 'format_version' is too large: 18446744073709551615");
  EXPECT_EQ(refusal(with_section("ports", R"([{"protocol": "tcp", "address": "::", "port": 18446744073709551615}])")),
            "core.snapshot.json is not a hallmark snapshot: 'ports[0].port' is too large: 18446744073709551615");
}

TEST(SnapshotJson, NewlineInAnOsReleaseValueIsRefusedNotReadAsAnotherKey) {
  EXPECT_EQ(refusal(with_section("os_release", R"({"PRETTY_NAME": "Debian\nID=\"evil\""})")),
            "core.snapshot.json is not a hallmark snapshot: 'os_release[\"PRETTY_NAME\"]' holds a newline");
}

TEST(SnapshotJson, HugeOsReleaseIsReadInLinearTime) {
  // os_release_value re-split the whole file once per line: 20,000 lines took 5 s.
  std::string content;
  for (int i = 0; i < 200000; ++i) content += "KEY_" + std::to_string(i) + "=\"value " + std::to_string(i) + "\"\n";
  Snapshot snapshot = sample();
  snapshot.facts.files["/etc/os-release"] = os_release(content);
  const auto start = std::chrono::steady_clock::now();
  const std::string json = snapshot_to_json(snapshot);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds{5});
  EXPECT_NE(json.find("\"KEY_199999\": \"value 199999\""), std::string::npos);
}

}  // namespace
}  // namespace hallmark::probes
