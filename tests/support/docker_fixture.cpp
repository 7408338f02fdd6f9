#include "support/docker_fixture.hpp"

#include <unistd.h>

#include <atomic>
#include <gtest/gtest.h>
#include <mutex>
#include <sstream>

#include "runner/transports/process.hpp"
#include "support/hallmark_cli.hpp"

namespace hallmark::testing {

namespace {

using namespace std::chrono_literals;

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  return std::to_string(getpid()) + "-" + std::to_string(counter++);
}

std::string last_line(const std::string& text) {
  std::istringstream lines(text);
  std::string line, last;
  while (std::getline(lines, line)) {
    if (!line.empty()) last = line;
  }
  return last;
}

}  // namespace

std::string docker(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"docker"};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto result = runner::transports::run_process(argv, {}, 300s);
  if (!result || result->exit_code != 0) {
    ADD_FAILURE() << "docker " << args.front() << " failed: " << (result ? result->err : result.error());
    return {};
  }
  return result->out;
}

std::string build_test_image(const std::string& recipe) {
  const auto result = runner::transports::run_process({source_path(recipe)}, {}, 1800s);
  if (!result || result->exit_code != 0) {
    ADD_FAILURE() << recipe << " failed (is the Docker daemon running?): " << (result ? result->err : result.error());
    return {};
  }
  return last_line(result->out);
}

const std::string& debian_test_image() {
  static std::once_flag once;
  static std::string tag;
  std::call_once(once, [] { tag = build_test_image("tests/images/build-debian-image.sh"); });
  return tag;
}

std::vector<std::string> containers_from(const std::string& image) {
  // `ancestor=` matches by image id, so it also finds containers that other runs (other tests,
  // other users of the daemon) created from another tag of the same image: keep only those
  // created by this very name.
  std::istringstream rows(docker({"ps", "-a", "--filter", "ancestor=" + image, "--format", "{{.Names}} {{.Image}}"}));
  std::vector<std::string> result;
  for (std::string name, created_from; rows >> name >> created_from;) {
    if (created_from == image) result.push_back(name);
  }
  return result;
}

TestContainer::TestContainer(const std::vector<std::string>& run_args) : name_("hallmark-test-" + unique_suffix()) {
  std::vector<std::string> args{"run", "-d", "--network", "none", "--name", name_};
  args.insert(args.end(), run_args.begin(), run_args.end());
  docker(args);
}

TestContainer::~TestContainer() { (void)runner::transports::run_process({"docker", "rm", "-f", name_}, {}, 60s); }

TestImageTag::TestImageTag(const std::string& source, const std::vector<std::string>& import_changes)
    : tag_("hallmark-test/scratch:" + unique_suffix()) {
  if (import_changes.empty()) {
    docker({"tag", source, tag_});
    return;
  }
  // The same layers with changed image config (CMD, ENTRYPOINT...).
  std::string dockerfile = "FROM " + source + "\n";
  for (const std::string& change : import_changes) dockerfile += change + "\n";
  const auto result = runner::transports::run_process({"docker", "build", "--network", "none", "-q", "-t", tag_, "-"}, dockerfile, 300s);
  if (!result || result->exit_code != 0) ADD_FAILURE() << "docker build failed: " << (result ? result->err : result.error());
}

TestImageTag::~TestImageTag() { (void)runner::transports::run_process({"docker", "rmi", tag_}, {}, 60s); }

}  // namespace hallmark::testing
