#include "runner/fact_gatherer.hpp"

#include <future>
#include <vector>

#include "runner/gatherers.hpp"

namespace hallmark::runner {

probes::Facts gather_facts(Transport& transport, const probes::FactRequest& request, std::chrono::milliseconds timeout) {
  probes::Facts facts;
  // Each task writes only its own member of `facts`, so they can run side by side.
  std::vector<std::future<void>> tasks;
  const auto launch = [&](auto task) { tasks.push_back(std::async(std::launch::async, task)); };
  if (request.packages) launch([&] { gatherers::packages(transport, request.package_manager, timeout, facts); });
  if (!request.files.empty()) launch([&] { gatherers::files(transport, request.files, timeout, facts); });
  if (!request.sysctls.empty()) launch([&] { gatherers::sysctls(transport, request.sysctls, timeout, facts); });
  if (request.sockets) launch([&] { gatherers::sockets(transport, timeout, facts); });
  if (!request.commands.empty()) launch([&] { gatherers::commands(transport, request.commands, timeout, facts); });
  if (!request.libraries.empty()) launch([&] { gatherers::libraries(transport, request.libraries, timeout, facts); });
  if (!request.binary_dirs.empty()) launch([&] { gatherers::binary_dirs(transport, request.binary_dirs, timeout, facts); });
  if (!request.services.empty()) launch([&] { gatherers::services(transport, request.services, timeout, facts); });
  for (auto& task : tasks) task.get();
  return facts;
}

}  // namespace hallmark::runner
