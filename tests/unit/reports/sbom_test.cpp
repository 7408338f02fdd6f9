#include "reports/sbom.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "reports/purl.hpp"
#include "support/cyclonedx_schema.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::reports {
namespace {

using probes::VersionScheme;

const Distro k_debian{"debian", "12"};

TEST(Purl, DebianPackageHasArchAndDistroQualifiersInOrder) {
  EXPECT_EQ(package_url(VersionScheme::dpkg, {"openssl", "3.0.11-1~deb12u2", "amd64"}, k_debian),
            "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12");
}

TEST(Purl, PlusSignsAndOtherReservedCharactersArePercentEncoded) {
  EXPECT_EQ(package_url(VersionScheme::dpkg, {"libstdc++6", "12.2.0-14+deb12u1", "amd64"}, k_debian),
            "pkg:deb/debian/libstdc%2B%2B6@12.2.0-14%2Bdeb12u1?arch=amd64&distro=debian-12");
  EXPECT_EQ(purl_encode("a@b?c#d e/f"), "a%40b%3Fc%23d%20e%2Ff");
  EXPECT_EQ(purl_encode("caf\xc3\xa9"), "caf%C3%A9");
}

TEST(Purl, DebianEpochStaysInTheVersionWithAnUnencodedColon) {
  EXPECT_EQ(package_url(VersionScheme::dpkg, {"passwd", "1:4.13+dfsg1-1", "amd64"}, k_debian),
            "pkg:deb/debian/passwd@1:4.13%2Bdfsg1-1?arch=amd64&distro=debian-12");
}

TEST(Purl, RpmEpochBecomesAQualifierAndRhelIsRedhat) {
  const Distro rhel{"rhel", "9.3"};
  EXPECT_EQ(package_url(VersionScheme::rpm, {"openssl", "1:3.0.7-24.el9", "x86_64"}, rhel),
            "pkg:rpm/redhat/openssl@3.0.7-24.el9?arch=x86_64&distro=rhel-9.3&epoch=1");
  EXPECT_EQ(package_url(VersionScheme::rpm, {"bash", "5.1.8-6.el9", "x86_64"}, rhel),
            "pkg:rpm/redhat/bash@5.1.8-6.el9?arch=x86_64&distro=rhel-9.3");
}

TEST(Purl, AlpinePackage) {
  EXPECT_EQ(package_url(VersionScheme::apk, {"musl", "1.2.4_git20230717-r4", "x86_64"}, {"alpine", "3.19.1"}),
            "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1");
}

probes::Snapshot snapshot_of(VersionScheme scheme, std::string os_release, std::vector<probes::InstalledPackage> packages) {
  probes::Snapshot snapshot;
  snapshot.provenance = {.target = "docker-image:core:12.6", .image = "core:12.6", .image_id = "sha256:" + std::string(64, 'a'),
                         .taken_at = "2026-11-24T12:00:00Z", .hallmark_version = "0.1.0"};
  probes::FileInfo release;
  release.exists = true;
  release.content = std::move(os_release);
  snapshot.facts.files["/etc/os-release"] = release;
  snapshot.facts.packages = probes::PackageFacts{scheme, std::move(packages)};
  return snapshot;
}

const AttestedResource k_image{"core:12.6", std::string(64, 'a')};

TEST(Sbom, ImageIsTheMetadataComponentWithItsDigestAndEveryPackageAComponent) {
  const auto sbom = render_sbom(snapshot_of(VersionScheme::dpkg, "ID=debian\nVERSION_ID=\"12\"\n",
                                            {{"zlib1g", "1:1.2.13.dfsg-1", "amd64"}, {"bash", "5.2.15-2+b2", "amd64"}}),
                                k_image);
  ASSERT_TRUE(sbom) << sbom.error();
  const nlohmann::json bom = nlohmann::json::parse(*sbom);
  EXPECT_EQ(bom["bomFormat"], "CycloneDX");
  EXPECT_EQ(bom["specVersion"], "1.6");
  EXPECT_EQ(bom["metadata"]["component"], nlohmann::json::parse(R"({"type": "container", "bom-ref": "image",
      "name": "core:12.6", "hashes": [{"alg": "SHA-256", "content": ")" + std::string(64, 'a') + R"("}]})"));
  ASSERT_EQ(bom["components"].size(), 2u);
  EXPECT_EQ(bom["components"][0]["purl"], "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12");
  EXPECT_EQ(bom["components"][1]["name"], "zlib1g");
  EXPECT_EQ(bom["components"][1]["version"], "1:1.2.13.dfsg-1");
}

TEST(Sbom, WithoutAnImageTheOperatingSystemIsTheMetadataComponent) {
  const auto sbom = render_sbom(
      snapshot_of(VersionScheme::apk, "ID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n", {}), std::nullopt);
  ASSERT_TRUE(sbom) << sbom.error();
  EXPECT_EQ(nlohmann::json::parse(*sbom)["metadata"]["component"],
            nlohmann::json::parse(R"({"type": "operating-system", "bom-ref": "image", "name": "Alpine Linux v3.19", "version": "3.19.1"})"));
}

TEST(Sbom, SnapshotWithoutAPackageDatabaseHasNoSbom) {
  probes::Snapshot snapshot = snapshot_of(VersionScheme::dpkg, "", {});
  snapshot.facts.packages = probes::Fact<probes::PackageFacts>{std::unexpected("permission denied")};
  EXPECT_EQ(render_sbom(snapshot, k_image).error(), "the installed packages could not be read: permission denied");
  snapshot.facts.packages = probes::PackageFacts{};
  EXPECT_EQ(render_sbom(snapshot, k_image).error(), "no known package database was found on the target");
}

// The official CycloneDX 1.6 schema (python3-jsonschema) accepts an SBOM of each family.
TEST(SbomSchema, EachPackageFamilyValidates) {
  testing::TempDir dir;
  const std::vector<probes::Snapshot> snapshots{
      snapshot_of(VersionScheme::dpkg, "ID=debian\nVERSION_ID=\"12\"\n", {{"libstdc++6", "12.2.0-14+deb12u1", "amd64"}}),
      snapshot_of(VersionScheme::rpm, "ID=\"rhel\"\nVERSION_ID=\"9.3\"\n", {{"openssl", "1:3.0.7-24.el9", "x86_64"}}),
      snapshot_of(VersionScheme::apk, "ID=alpine\nVERSION_ID=3.19.1\n", {{"musl", "1.2.4_git20230717-r4", "x86_64"}})};
  for (const probes::Snapshot& snapshot : snapshots) {
    for (const auto& image : {std::optional(k_image), std::optional<AttestedResource>()}) {
      const std::string path = dir.write("sbom.json", *render_sbom(snapshot, image));
      EXPECT_EQ(testing::validate_cyclonedx(path), "valid\n") << *render_sbom(snapshot, image);
    }
  }
}

}  // namespace
}  // namespace hallmark::reports
