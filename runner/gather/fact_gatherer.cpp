#include "runner/gather/fact_gatherer.hpp"

#include <future>
#include <vector>

#include <fmt/format.h>

#include "runner/gather/gatherers.hpp"

namespace hallmark::runner::gather {

namespace {

// Every fact of a keyed kind holds `error`.
template <class Key, class Fact>
void fail_every(const auto& keys, std::map<Key, Fact>& facts, const probes::FactError& error) {
  for (const auto& key : keys) {
    if constexpr (requires { key.first; }) facts[key.first] = std::unexpected(error);
    else facts[key] = std::unexpected(error);
  }
}

}  // namespace

probes::Facts gather_facts(transports::Transport& transport, const probes::FactRequest& request, std::chrono::milliseconds timeout,
                           std::size_t command_jobs) {
  probes::Facts facts;
  // Each task writes only its own member of `facts`, so they can run side by side. A task that
  // throws (a bug in hallmark) leaves every fact of its kind an internal error saying so, and the
  // other kinds and the report go on.
  std::vector<std::future<void>> tasks;
  const auto launch = [&](auto task, auto fail) {
    tasks.push_back(std::async(std::launch::async, [task, fail] {
      try {
        task();
      } catch (const std::exception& error) {
        fail(probes::FactError(fmt::format("hallmark failed: {}", error.what()), probes::ErrorKind::internal));
      }
    }));
  };
  using probes::FactError;
  if (request.packages) {
    launch([&] { gather::packages(transport, request.package_manager, timeout, facts); },
           [&](const FactError& error) { facts.packages = std::unexpected(error); });
  }
  if (!request.files.empty()) {
    launch([&] { gather::files(transport, request.files, timeout, facts); },
           [&](const FactError& error) { fail_every(request.files, facts.files, error); });
  }
  if (!request.sysctls.empty()) {
    launch([&] { gather::sysctls(transport, request.sysctls, timeout, facts); },
           [&](const FactError& error) { fail_every(request.sysctls, facts.sysctls, error); });
  }
  if (request.sockets) {
    launch([&] { gather::sockets(transport, timeout, facts); }, [&](const FactError& error) { facts.sockets = std::unexpected(error); });
  }
  if (!request.commands.empty()) {
    launch([&] { gather::commands(transport, request.commands, command_jobs, timeout, facts); },
           [&](const FactError& error) { fail_every(request.commands, facts.commands, error); });
  }
  if (!request.libraries.empty()) {
    launch([&] { gather::libraries(transport, request.libraries, timeout, facts); },
           [&](const FactError& error) { fail_every(request.libraries, facts.libraries, error); });
  }
  if (!request.binary_dirs.empty()) {
    launch([&] { gather::binary_dirs(transport, request.binary_dirs, timeout, facts); },
           [&](const FactError& error) { fail_every(request.binary_dirs, facts.binary_dirs, error); });
  }
  if (!request.services.empty()) {
    launch([&] { gather::services(transport, request.services, timeout, facts); },
           [&](const FactError& error) { fail_every(request.services, facts.services, error); });
  }
  for (auto& task : tasks) task.get();
  return facts;
}

}  // namespace hallmark::runner::gather
