#pragma once

#include <string>
#include <vector>

namespace hallmark::testing {

// The container engines the integration tests run against, by CLI name: value-parametrised
// suites are instantiated once per engine ("Docker/..." and "Podman/..." test names).
inline const std::vector<std::string> k_container_engines{"docker", "podman"};

// The Debian 12 test image (tests/images/build-debian-image.sh, cached between runs).
// Built once per test process; fails the test when Docker or the build is unavailable.
const std::string& debian_test_image();

// Builds (or finds cached) the image of a recipe under tests/images and returns its tag.
std::string build_test_image(const std::string& recipe);

// `image` (built with Docker) in `engine`'s storage, under the same name: for podman it is
// copied over (`docker save | podman load`) unless podman already holds the same image id.
// Returns the name, or "" after failing the test.
std::string image_in(const std::string& engine, const std::string& image);

// Runs an engine CLI command ("docker" or "podman") and returns its stdout, failing the test
// on a non-zero exit.
std::string engine_cli(const std::string& engine, const std::vector<std::string>& args);
inline std::string docker(const std::vector<std::string>& args) { return engine_cli("docker", args); }

// Names of containers (running or not) created from the image named `image`.
std::vector<std::string> containers_from(const std::string& image, const std::string& engine = "docker");

// A container started by a test (`ENGINE run -d --network none ...`), removed when it dies.
class TestContainer {
 public:
  // `run_args` go between `ENGINE run -d --network none --name NAME` and nothing else,
  // so they end with the image and its command.
  explicit TestContainer(const std::vector<std::string>& run_args, std::string engine = "docker");
  ~TestContainer();
  TestContainer(const TestContainer&) = delete;
  TestContainer& operator=(const TestContainer&) = delete;

  const std::string& name() const { return name_; }

 private:
  std::string engine_;
  std::string name_;
};

// A tag for the test image unique to this test, so its containers can be told apart;
// removed (the tag only) on destruction. `source` must already be in `engine`'s storage.
class TestImageTag {
 public:
  TestImageTag(const std::string& source, const std::vector<std::string>& image_changes = {},
               std::string engine = "docker");
  ~TestImageTag();
  TestImageTag(const TestImageTag&) = delete;
  TestImageTag& operator=(const TestImageTag&) = delete;
  const std::string& tag() const { return tag_; }

 private:
  std::string engine_;
  std::string tag_;
};

}  // namespace hallmark::testing
