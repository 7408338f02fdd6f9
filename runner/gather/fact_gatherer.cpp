#include "runner/gather/fact_gatherer.hpp"

#include <future>
#include <vector>

#include "runner/gather/gatherers.hpp"

namespace hallmark::runner::gather {

probes::Facts gather_facts(transports::Transport& transport, const probes::FactRequest& request, std::chrono::milliseconds timeout) {
  probes::Facts facts;
  // Each task writes only its own member of `facts`, so they can run side by side.
  std::vector<std::future<void>> tasks;
  const auto launch = [&](auto task) { tasks.push_back(std::async(std::launch::async, task)); };
  if (request.packages) launch([&] { gather::packages(transport, request.package_manager, timeout, facts); });
  if (!request.files.empty()) launch([&] { gather::files(transport, request.files, timeout, facts); });
  if (!request.sysctls.empty()) launch([&] { gather::sysctls(transport, request.sysctls, timeout, facts); });
  if (request.sockets) launch([&] { gather::sockets(transport, timeout, facts); });
  if (!request.commands.empty()) launch([&] { gather::commands(transport, request.commands, timeout, facts); });
  if (!request.libraries.empty()) launch([&] { gather::libraries(transport, request.libraries, timeout, facts); });
  if (!request.binary_dirs.empty()) launch([&] { gather::binary_dirs(transport, request.binary_dirs, timeout, facts); });
  if (!request.services.empty()) launch([&] { gather::services(transport, request.services, timeout, facts); });
  for (auto& task : tasks) task.get();
  return facts;
}

}  // namespace hallmark::runner::gather
