#include "runner/targets/container_owner.hpp"

#include <charconv>
#include <mutex>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "runner/transports/process.hpp"
#include "util/host_name.hpp"

namespace hallmark::runner::targets {

namespace {

using namespace std::chrono_literals;

template <typename Number>
bool parse_number(std::string_view text, Number& value) {
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && ptr == text.data() + text.size() && !text.empty();
}

}  // namespace

std::vector<std::string> owner_label_arguments() {
  const util::ProcessIdentity& self = util::this_process();
  return {"--label", fmt::format("{}={}", k_owner_pid_label, self.pid),
          "--label", fmt::format("{}={}", k_owner_start_label, self.start_ticks),
          "--label", fmt::format("{}={}", k_owner_boot_label, self.boot_id),
          "--label", fmt::format("{}={}", k_owner_host_label, util::host_name())};
}

bool owner_is_gone(const std::map<std::string, std::string, std::less<>>& labels, const std::string& host) {
  const auto label = [&](std::string_view key) -> std::string_view {
    const auto found = labels.find(key);
    return found == labels.end() ? std::string_view{} : std::string_view{found->second};
  };
  util::ProcessIdentity owner;
  owner.boot_id = std::string(label(k_owner_boot_label));
  if (label(k_owner_host_label) != host || owner.boot_id.empty() || !parse_number(label(k_owner_pid_label), owner.pid) ||
      !parse_number(label(k_owner_start_label), owner.start_ticks)) {
    return false;
  }
  return !util::is_running(owner);
}

void reap_abandoned_containers(const std::string& engine) {
  static std::once_flag once;
  std::call_once(once, [&] {
    const auto listed =
        transports::run_process({engine, "ps", "--all", "--quiet", "--filter", fmt::format("label={}", k_owner_pid_label)}, {}, 30s);
    if (!listed || listed->exit_code != 0 || listed->out.empty()) return;
    std::vector<std::string> inspect{engine, "container", "inspect", "--format", "{{.Id}} {{json .Config.Labels}}"};
    std::istringstream ids(listed->out);
    for (std::string id; ids >> id;) inspect.push_back(id);
    // A container removed between the two calls only makes its own line missing.
    const auto inspected = transports::run_process(inspect, {}, 30s);
    if (!inspected) return;
    const std::string host = util::host_name();
    std::vector<std::string> abandoned;
    std::istringstream lines(inspected->out);
    for (std::string line; std::getline(lines, line);) {
      const auto space = line.find(' ');
      if (space == std::string::npos) continue;
      const auto labels = nlohmann::json::parse(line.substr(space + 1), nullptr, false);
      if (!labels.is_object()) continue;
      std::map<std::string, std::string, std::less<>> values;
      for (const auto& [key, value] : labels.items()) {
        if (value.is_string()) values.emplace(key, value.get<std::string>());
      }
      if (owner_is_gone(values, host)) abandoned.push_back(line.substr(0, space));
    }
    if (abandoned.empty()) return;
    std::vector<std::string> remove{engine, "rm", "--force", "--volumes"};
    remove.insert(remove.end(), abandoned.begin(), abandoned.end());
    (void)transports::run_process(remove, {}, 60s);
  });
}

}  // namespace hallmark::runner::targets
