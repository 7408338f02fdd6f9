#include <charconv>

#include <fmt/format.h>

#include "runner/gather/script_runner.hpp"
#include "runner/gather/embedded_scripts.hpp"
#include "runner/gather/gatherers.hpp"

namespace hallmark::runner::gather {

namespace {

// The exit status a shell reports, 0..255; anything else is target output gone wrong.
std::expected<int, std::string> parse_exit_status(std::string_view text) {
  int code = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), code);
  if (ec != std::errc{} || end != text.data() + text.size() || code < 0 || code > 255) {
    return std::unexpected(fmt::format("the target reported an unreadable exit status \"{}\"", text.substr(0, 40)));
  }
  return code;
}

}  // namespace

void commands(transports::Transport& transport, const std::map<std::string, probes::CommandRequest>& commands, std::size_t jobs,
              milliseconds timeout, probes::Facts& facts) {
  std::vector<std::string> args{std::to_string(std::max<std::size_t>(jobs, 1))};
  // The round trip's deadline allows for every command running alone to its timeout (and the
  // watchdog's 5 s from TERM to KILL): the pool makes it shorter, never longer.
  milliseconds budget = timeout;
  for (const auto& [command, request] : commands) {
    args.push_back(request.parallel ? "p" : "s");
    args.push_back(std::to_string(request.timeout.count()));
    args.push_back(command);
    budget += request.timeout + std::chrono::seconds{6};
    facts.commands[command] = std::unexpected("the target stopped before running this command");
  }
  const auto records = run_keyed_script(transport, scripts::k_commands, args, budget, facts.commands);
  if (!records) return;
  probes::CommandRun* current = nullptr;
  std::string command;
  for (const Record& record : *records) {
    if (record.field == "command") {
      command = record.value;
      auto& fact = facts.commands[command];
      fact = probes::CommandRun{};
      current = &*fact;
    } else if (!current) {
      continue;
    } else if (record.field == "exit") {
      const auto code = parse_exit_status(record.value);
      if (!code) {
        facts.commands[command] = std::unexpected(code.error());
        current = nullptr;
        continue;
      }
      current->exit_code = *code;
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
