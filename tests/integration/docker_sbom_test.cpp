// hallmark snapshot --sbom on the dpkg, rpm and apk test images: each SBOM validates against the
// official CycloneDX 1.6 schema, names the image by its id and every package by a purl.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/cyclonedx_schema.hpp"
#include "support/docker_fixture.hpp"
#include "support/hallmark_cli.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::testing {
namespace {

struct Family {
  std::string recipe;
  std::string purl_prefix;   // every component's purl starts with it
  std::string known_purl;    // the start of one package's purl
  std::string distro;        // the distro qualifier
};

class DockerSbom : public ::testing::TestWithParam<Family> {};

TEST_P(DockerSbom, SnapshotSbomValidatesAndNamesEveryPackage) {
  const Family& family = GetParam();
  const std::string image = build_test_image(family.recipe);
  ASSERT_FALSE(image.empty());
  TempDir dir;
  const std::string sbom = (dir.path() / "sbom.json").string();
  const CliResult result = run_hallmark({"snapshot", "--target", "docker-image:" + image, "-o",
                                         (dir.path() / "snapshot.json").string(), "--sbom", sbom});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(validate_cyclonedx(sbom), "valid\n");

  const nlohmann::json bom = nlohmann::json::parse(read_file(sbom));
  const std::string image_id = docker({"image", "inspect", "--format", "{{.Id}}", image});
  EXPECT_EQ(bom["metadata"]["component"]["name"], image);
  EXPECT_EQ(bom["metadata"]["component"]["hashes"][0]["content"], image_id.substr(7, 64));
  EXPECT_GE(bom["components"].size(), 5u);
  bool known = false;
  for (const nlohmann::json& component : bom["components"]) {
    const std::string purl = component["purl"];
    EXPECT_TRUE(purl.starts_with(family.purl_prefix)) << purl;
    EXPECT_NE(purl.find("distro=" + family.distro), std::string::npos) << purl;
    EXPECT_NE(purl.find("arch="), std::string::npos) << purl;
    known = known || purl.starts_with(family.known_purl);
  }
  EXPECT_TRUE(known) << "no component starts with " << family.known_purl;
}

INSTANTIATE_TEST_SUITE_P(
    Families, DockerSbom,
    ::testing::Values(Family{"tests/images/build-debian-image.sh", "pkg:deb/debian/", "pkg:deb/debian/base-files@12", "debian-12"},
                      Family{"tests/images/build-rpm-image.sh", "pkg:rpm/redhat/", "pkg:rpm/redhat/openssl-libs@3.0.7-25.el9?arch=x86_64&distro=rhel-9.3&epoch=1", "rhel-9.3"},
                      Family{"tests/images/build-apk-image.sh", "pkg:apk/alpine/", "pkg:apk/alpine/busybox@", "alpine-3.19.1"}),
    [](const auto& info) { return info.param.purl_prefix.substr(4, 3); });

}  // namespace
}  // namespace hallmark::testing
