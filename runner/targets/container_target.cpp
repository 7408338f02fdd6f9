#include "runner/targets/container_target.hpp"

#include <unistd.h>

#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "runner/targets/container_owner.hpp"
#include "runner/targets/teardown_registry.hpp"
#include "runner/targets/tied_container_run.hpp"
#include "runner/transports/container_exec_transport.hpp"
#include "runner/transports/process.hpp"
#include "util/host_name.hpp"

namespace hallmark::runner::targets {

namespace {

using namespace std::chrono_literals;

// Idles as PID 1 until its stdin, hallmark's tie, ends; a base OS image's own command usually
// is a shell that exits at once, which would end the container before any probe.
constexpr std::string_view k_ready = "hallmark-keep-alive-ready";
constexpr std::string_view k_keep_alive = "trap 'exit 0' TERM INT; echo hallmark-keep-alive-ready; read -r _; exit 0";

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Runs an engine command; its stdout, or the reason it failed.
std::expected<std::string, std::string> engine_call(const std::vector<std::string>& argv,
                                                    std::chrono::milliseconds timeout = 60s) {
  auto result = transports::run_process(argv, {}, timeout);
  if (!result) return std::unexpected(result.error());
  if (!result->over_budget.empty()) return std::unexpected(fmt::format("`{} {}`: {}", argv[0], argv[1], result->over_budget));
  if (result->timed_out) return std::unexpected(fmt::format("`{} {}` timed out", argv[0], argv[1]));
  if (result->exit_code != 0) return std::unexpected(trimmed(result->err.empty() ? result->out : result->err));
  return result->out;
}

// Removes a container and checks that it is gone, retrying while the engine is busy with it.
void remove_container(const std::string& engine, const std::string& name) {
  // podman's `rm -f` first waits the container's stop timeout (10 s) for SIGTERM; docker's kills.
  std::vector<std::string> remove{engine, "rm", "-f", "--volumes", name};
  if (engine == "podman") remove.insert(remove.begin() + 3, {"--time", "0"});
  for (int attempt = 0; attempt < 5; ++attempt) {
    (void)transports::run_process(remove, {}, 60s);
    const auto gone = transports::run_process({engine, "container", "inspect", name}, {}, 30s);
    if (gone && gone->exit_code != 0) return;
    std::this_thread::sleep_for(500ms);
  }
}

std::string unique_container_name() {
  std::random_device random;
  return fmt::format("hallmark-{}-{:08x}", getpid(), random());
}

class ContainerTarget final : public Target {
 public:
  // `owned`: hallmark booted the container and removes it when done.
  ContainerTarget(std::string engine, std::string container, probes::Provenance info,
                  std::optional<TeardownRegistry::Handle> teardown)
      : engine_(std::move(engine)),
        container_(std::move(container)),
        transport_(engine_, container_),
        provenance_(std::move(info)),
        teardown_(teardown) {}

  ~ContainerTarget() override {
    if (teardown_) TeardownRegistry::instance().run(*teardown_);
  }

  transports::Transport& transport() override { return transport_; }
  const probes::Provenance& provenance() const override { return provenance_; }

  std::optional<std::string> check_alive() override {
    const auto state = engine_call({engine_, "inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", container_});
    if (state && state->starts_with("running")) return std::nullopt;
    std::string why = state ? fmt::format("container {} is not running (status and exit code: {})", container_, trimmed(*state))
                            : fmt::format("container {} is not running: the engine no longer has it ({})", container_, state.error());
    if (auto logs = transports::run_process({engine_, "logs", "--tail", "200", container_}, {}, 30s); logs && !(logs->out + logs->err).empty()) {
      why += fmt::format("\n--- last lines of the container's log ---\n{}{}", logs->out, logs->err);
    }
    return why;
  }

 private:
  std::string engine_;
  std::string container_;
  transports::ContainerExecTransport transport_;
  probes::Provenance provenance_;
  std::optional<TeardownRegistry::Handle> teardown_;
};

// Fills in the image's content id and repository digests.
std::expected<void, std::string> describe_image(const std::string& engine, const std::string& image,
                                                probes::Provenance& info) {
  const auto inspected =
      engine_call({engine, "image", "inspect", "--format", "{{.Id}}{{range .RepoDigests}} {{.}}{{end}}", image});
  if (!inspected) return std::unexpected(fmt::format("image {} is not available locally: {}", image, inspected.error()));
  std::istringstream words(*inspected);
  words >> info.image_id;
  // docker prints "sha256:HEX", podman the bare HEX of the same config digest.
  if (!info.image_id.empty() && info.image_id.find(':') == std::string::npos) info.image_id.insert(0, "sha256:");
  for (std::string digest; words >> digest;) info.image_digests.push_back(digest);
  return {};
}

// Pulls the image from its registry when the policy asks for it; the engine's message when
// the registry cannot be reached or has no such image.
std::expected<void, std::string> pull_image(const std::string& engine, const std::string& image, PullPolicy policy) {
  if (policy == PullPolicy::never) return {};
  if (policy == PullPolicy::missing && engine_call({engine, "image", "inspect", "--format", "{{.Id}}", image})) return {};
  if (auto pulled = engine_call({engine, "pull", "--quiet", image}, 600s); !pulled) {
    return std::unexpected(fmt::format("cannot pull {}: {}", image, pulled.error()));
  }
  return {};
}

}  // namespace

OpenResult boot_container(const std::string& engine, const TargetSpec& spec, const TargetOptions& options) {
  probes::Provenance info{.target = spec.text, .image = spec.reference, .hostname = util::host_name()};
  if (auto pulled = pull_image(engine, spec.reference, options.pull); !pulled) return std::unexpected(pulled.error());
  if (auto described = describe_image(engine, spec.reference, info); !described) {
    return std::unexpected(described.error());
  }
  reap_abandoned_containers(engine);
  const std::string name = unique_container_name();
  // Registered before `run`, so a signal during boot still removes the container.
  auto tied = std::make_shared<TiedContainerRun>();
  // Held while `run` creates this container, so a teardown started by a signal waits until it
  // exists (or failed to) instead of racing the engine and leaving it behind. Other targets
  // boot meanwhile.
  auto boot_mutex = std::make_shared<std::mutex>();
  const auto teardown = TeardownRegistry::instance().add([engine, name, tied, boot_mutex] {
    const std::lock_guard wait_for_boot(*boot_mutex);
    remove_container(engine, name);
    tied->finish();
  });
  std::vector<std::string> argv{engine, "run", "--pull", "never", "--network", "none", "--name", name};
  const auto labels = owner_label_arguments();
  argv.insert(argv.end(), labels.begin(), labels.end());
  auto target = std::make_unique<ContainerTarget>(engine, name, std::move(info), teardown);
  std::unique_lock booting(*boot_mutex);
  std::expected<void, std::string> started;
  if (options.boot == BootMode::keep_alive) {
    // Tied to this process: the container ends and is removed when hallmark does, even by SIGKILL.
    argv.insert(argv.end(), {"--interactive", "--rm", "--sig-proxy=false", "--entrypoint", "/bin/sh", spec.reference, "-c",
                             std::string(k_keep_alive)});
    started = tied->start(argv, k_ready, 120s);
  } else {
    // The image's own command does not read a tie: a killed run leaves this container to the
    // next run's reaper. Not --rm, so an early exit keeps its log for the report.
    argv.insert(argv.end(), {"--detach", spec.reference});
    if (auto run = engine_call(argv, 120s); !run) started = std::unexpected(run.error());
  }
  booting.unlock();
  if (!started) {
    return std::unexpected(fmt::format("cannot boot a container from {}: {}", spec.reference, started.error()));
  }
  if (options.settle.count() > 0) std::this_thread::sleep_for(options.settle);
  if (auto problem = target->check_alive()) {
    // The image's own command (or its shell) ended by itself: booting it again ends the same way.
    return std::unexpected(probes::deterministic_error(
        fmt::format("the container from {} exited right after booting: {}", spec.reference, *problem)));
  }
  return target;
}

OpenResult attach_container(const std::string& engine, const TargetSpec& spec) {
  const auto inspected = engine_call(
      {engine, "inspect", "--type", "container", "--format", "{{.State.Status}} {{.Image}} {{.Config.Image}}", spec.reference});
  if (!inspected) return std::unexpected(fmt::format("no container {}: {}", spec.reference, inspected.error()));
  std::istringstream words(*inspected);
  probes::Provenance info{.target = spec.text, .hostname = util::host_name()};
  std::string status;
  words >> status >> info.image_id >> info.image;
  if (status != "running") {
    return std::unexpected(fmt::format("container {} is {}, not running", spec.reference, status));
  }
  (void)describe_image(engine, info.image_id, info);  // best effort, for the digests
  return std::make_unique<ContainerTarget>(engine, spec.reference, std::move(info), std::nullopt);
}

}  // namespace hallmark::runner::targets
