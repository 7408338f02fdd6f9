#include <charconv>

#include <fmt/format.h>

#include "runner/gather/script_runner.hpp"
#include "runner/gather/embedded_scripts.hpp"
#include "runner/gather/gatherers.hpp"

namespace hallmark::runner::gather {

namespace {

// What hallmark keeps of each stream of a command; the rest is cut off.
constexpr std::size_t k_stream_cap = std::size_t{1} << 20;
// All streams together travel as one blob up to this size; past it, each is sent alone.
constexpr std::size_t k_blob_cap = std::size_t{32} << 20;

// The exit status a shell reports, 0..255; anything else is target output gone wrong.
std::expected<int, std::string> parse_exit_status(std::string_view text) {
  int code = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), code);
  if (ec != std::errc{} || end != text.data() + text.size() || code < 0 || code > 255) {
    return std::unexpected(fmt::format("the target reported an unreadable exit status \"{}\"", text.substr(0, 40)));
  }
  return code;
}

// The first `streams` streams of the blob, cut by the sizes `wc -c` gave for them (one line
// each, "  SIZE NAME"; a "total" line follows). The sizes must account for the blob exactly.
std::expected<std::vector<std::string_view>, std::string> split_blob(std::string_view sizes, std::string_view blob,
                                                                    std::size_t streams) {
  std::vector<std::string_view> slices;
  std::size_t offset = 0;
  while (slices.size() < streams && !sizes.empty()) {
    const std::string_view line = sizes.substr(0, sizes.find('\n'));
    sizes.remove_prefix(std::min(sizes.size(), line.size() + 1));
    const std::size_t start = line.find_first_not_of(' ');
    std::size_t size = 0;
    const char* first = line.data() + std::min(start, line.size());
    const auto [end, ec] = std::from_chars(first, line.data() + line.size(), size);
    if (ec != std::errc{} || end == line.data() + line.size() || *end != ' ' || size > blob.size() - offset) {
      return std::unexpected(fmt::format("the target reported an unreadable stream size \"{}\"", line.substr(0, 60)));
    }
    slices.push_back(blob.substr(offset, size));
    offset += size;
  }
  if (slices.size() != streams || offset != blob.size()) {
    return std::unexpected(fmt::format("the target's stream sizes ({} of {}) do not add up to its {} bytes of output", slices.size(),
                                       streams, blob.size()));
  }
  return slices;
}

// A stream as hallmark keeps it: its first k_stream_cap bytes.
std::string kept(std::string_view stream) { return std::string(stream.substr(0, k_stream_cap)); }

}  // namespace

void commands(transports::Transport& transport, const std::map<std::string, probes::CommandRequest>& commands, std::size_t jobs,
              milliseconds timeout, probes::Facts& facts) {
  std::vector<std::string> args{std::to_string(std::max<std::size_t>(jobs, 1)), std::to_string(k_stream_cap), std::to_string(k_blob_cap)};
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

  // The streams of all commands in one blob, when the script could send them so.
  std::string_view sizes;
  std::optional<std::vector<std::string_view>> streams;
  for (const Record& record : *records) {
    if (record.field == "sizes") sizes = record.value;
    if (record.field != "blob") continue;
    auto split = split_blob(sizes, record.value, 2 * commands.size());
    if (!split) {
      for (auto& [command, fact] : facts.commands) fact = std::unexpected(split.error());
      return;
    }
    streams = std::move(*split);
  }

  probes::CommandRun* current = nullptr;
  std::string command;
  std::size_t index = 0;
  for (const Record& record : *records) {
    if (record.field == "command") {
      command = record.value;
      auto& fact = facts.commands[command];
      fact = probes::CommandRun{};
      current = &*fact;
      if (streams && 2 * index + 1 < streams->size()) {
        current->out = kept((*streams)[2 * index]);
        current->err = kept((*streams)[2 * index + 1]);
      }
      ++index;
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
