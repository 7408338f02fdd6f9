#include "support/docker_fixture.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <gtest/gtest.h>
#include <mutex>
#include <sstream>

#include "runner/transports/process.hpp"
#include "support/hallmark_cli.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::testing {

namespace {

using namespace std::chrono_literals;

// podman needs the sandbox's containers.conf that .ci/setup writes (its default ulimits cannot be
// set here). .ci/run exports CONTAINERS_CONF; so that `ctest` run by hand (the README's test
// command) works too, the tests point at that file themselves when nothing else was chosen. It is
// the test machine's setting: hallmark itself never sets it.
const bool k_sandbox_containers_conf = [] {
  constexpr const char* k_path = "/etc/hallmark-ci/containers.conf";
  if (std::getenv("CONTAINERS_CONF") == nullptr && access(k_path, R_OK) == 0) setenv("CONTAINERS_CONF", k_path, 0);
  return true;
}();

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

std::string engine_cli(const std::string& engine, const std::vector<std::string>& args) {
  std::vector<std::string> argv{engine};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto result = runner::transports::run_process(argv, {}, 300s);
  if (!result || result->exit_code != 0) {
    ADD_FAILURE() << engine << " " << args.front() << " failed: " << (result ? result->err : result.error());
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

std::string image_in(const std::string& engine, const std::string& image) {
  if (image.empty() || engine == "docker") return image;
  const std::string id = docker({"image", "inspect", "--format", "{{.Id}}", image});
  const auto held = runner::transports::run_process({engine, "image", "inspect", "--format", "{{.Id}}", image}, {}, 60s);
  // docker prints "sha256:HEX", podman "HEX".
  if (held && held->exit_code == 0 && !held->out.empty() && id.ends_with(held->out)) return image;
  const auto copied = runner::transports::run_process(
      {"sh", "-c", "docker save \"$1\" | " + engine + " load -q", "sh", image}, {}, 600s);
  if (!copied || copied->exit_code != 0) {
    ADD_FAILURE() << "cannot copy " << image << " into " << engine << ": " << (copied ? copied->err : copied.error());
    return {};
  }
  return image;
}

std::vector<std::string> containers_from(const std::string& image, const std::string& engine) {
  // Compared with the name each container was created from: `--filter ancestor=` also matches
  // containers of other tags of the same image id (other tests'). podman records a local name
  // without a registry part as localhost/NAME.
  const std::string first = image.substr(0, image.find('/'));
  const bool has_registry = image.find('/') != std::string::npos &&
                            (first == "localhost" || first.find_first_of(".:") != std::string::npos);
  const std::string created_from = engine == "podman" && !has_registry ? "localhost/" + image : image;
  std::istringstream lines(engine_cli(engine, {"ps", "-a", "--format", "{{.Names}} {{.Image}}"}));
  std::vector<std::string> result;
  for (std::string name, from; lines >> name >> from;) {
    if (from == created_from) result.push_back(name);
  }
  return result;
}

namespace {

// `ENGINE rm -f NAME`, without podman's 10 s wait for SIGTERM.
void remove_test_container(const std::string& engine, const std::string& name) {
  std::vector<std::string> argv{engine, "rm", "-f", name};
  if (engine == "podman") argv.insert(argv.begin() + 3, {"--time", "0"});
  (void)runner::transports::run_process(argv, {}, 60s);
}

}  // namespace

TestContainer::TestContainer(const std::vector<std::string>& run_args, std::string engine)
    : engine_(std::move(engine)), name_("hallmark-test-" + unique_suffix()) {
  std::vector<std::string> args{"run", "-d", "--network", "none", "--name", name_};
  args.insert(args.end(), run_args.begin(), run_args.end());
  engine_cli(engine_, args);
}

TestContainer::~TestContainer() { remove_test_container(engine_, name_); }

TestImageTag::TestImageTag(const std::string& source, const std::vector<std::string>& image_changes, std::string engine)
    : engine_(std::move(engine)), tag_("hallmark-test/scratch:" + unique_suffix()) {
  if (image_changes.empty()) {
    engine_cli(engine_, {"tag", source, tag_});
    return;
  }
  // The same layers with changed image config (CMD, ENTRYPOINT...), built in an empty context.
  const TempDir context;
  std::string dockerfile = "FROM " + source + "\n";
  for (const std::string& change : image_changes) dockerfile += change + "\n";
  const auto result = runner::transports::run_process(
      {engine_, "build", "--network", "none", "-q", "-t", tag_, "-f", "-", context.path().string()}, dockerfile, 300s);
  if (!result || result->exit_code != 0) ADD_FAILURE() << engine_ << " build failed: " << (result ? result->err : result.error());
}

TestImageTag::~TestImageTag() { (void)runner::transports::run_process({engine_, "rmi", tag_}, {}, 60s); }

}  // namespace hallmark::testing
