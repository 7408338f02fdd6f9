#include <fmt/format.h>

#include "runner/gather/script_runner.hpp"
#include "runner/gather/embedded_scripts.hpp"
#include "runner/gather/gatherers.hpp"

namespace hallmark::runner::gather {

void commands(transports::Transport& transport, const std::map<std::string, std::chrono::seconds>& commands, milliseconds timeout,
              probes::Facts& facts) {
  std::vector<std::string> args;
  milliseconds budget = timeout;
  for (const auto& [command, command_timeout] : commands) {
    args.push_back(std::to_string(command_timeout.count()));
    args.push_back(command);
    budget += command_timeout + std::chrono::seconds{5};
    facts.commands[command] = std::unexpected("the target stopped before running this command");
  }
  const auto records = run_keyed_script(transport, scripts::k_commands, args, budget, facts.commands);
  if (!records) return;
  probes::CommandRun* current = nullptr;
  for (const Record& record : *records) {
    if (record.field == "command") {
      auto& fact = facts.commands[record.value];
      fact = probes::CommandRun{};
      current = &*fact;
    } else if (!current) {
      continue;
    } else if (record.field == "exit") {
      current->exit_code = std::stoi(record.value);
    } else if (record.field == "timed_out") {
      current->timed_out = record.value == "1";
    } else if (record.field == "stdout") {
      current->out = record.value;
    } else if (record.field == "stderr") {
      current->err = record.value;
    }
  }
}

}  // namespace hallmark::runner::gather
