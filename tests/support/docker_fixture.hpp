#pragma once

#include <string>
#include <vector>

namespace hallmark::testing {

// The Debian 12 test image (tests/images/build-debian-image.sh, cached between runs).
// Built once per test process; fails the test when Docker or the build is unavailable.
const std::string& debian_test_image();

// Builds (or finds cached) the image of a recipe under tests/images and returns its tag.
std::string build_test_image(const std::string& recipe);

// Runs a docker CLI command and returns its stdout, failing the test on a non-zero exit.
std::string docker(const std::vector<std::string>& args);

// Names of containers (running or not) created from `image`, by that name (not another tag of it).
std::vector<std::string> containers_from(const std::string& image);

// A container started by a test (`docker run -d --network none ...`), removed when it dies.
class TestContainer {
 public:
  // `run_args` go between `docker run -d --network none --name NAME` and nothing else,
  // so they end with the image and its command.
  explicit TestContainer(const std::vector<std::string>& run_args);
  ~TestContainer();
  TestContainer(const TestContainer&) = delete;
  TestContainer& operator=(const TestContainer&) = delete;

  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

// A tag for the test image unique to this test, so its containers can be told apart;
// removed (the tag only) on destruction.
class TestImageTag {
 public:
  TestImageTag(const std::string& source, const std::vector<std::string>& import_changes = {});
  ~TestImageTag();
  const std::string& tag() const { return tag_; }

 private:
  std::string tag_;
};

}  // namespace hallmark::testing
