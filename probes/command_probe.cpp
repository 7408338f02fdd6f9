#include "probes/command_probe.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace hallmark::probes {

void plan(const contracts::CommandSpec& spec, FactRequest& request) {
  CommandRequest& command = request.commands[spec.run];
  command.timeout = std::max(command.timeout, spec.timeout);
  command.parallel = command.parallel && spec.parallel;
}

namespace {

std::string describe_expected(const contracts::CommandSpec& spec) {
  std::vector<std::string> parts{fmt::format("exit {}", spec.exit_code)};
  for (const std::string& text : spec.stdout_contains) parts.push_back(fmt::format("stdout contains \"{}\"", text));
  for (const std::string& text : spec.stderr_contains) parts.push_back(fmt::format("stderr contains \"{}\"", text));
  for (const auto& pattern : spec.stdout_matches) parts.push_back(fmt::format("stdout matches /{}/", pattern.text()));
  for (const auto& pattern : spec.stderr_matches) parts.push_back(fmt::format("stderr matches /{}/", pattern.text()));
  return fmt::format("`{}`: {}", spec.run, fmt::join(parts, ", "));
}

void check_stream(std::string_view stream_name, const std::string& stream, const std::vector<std::string>& wanted,
                  const std::vector<contracts::Pattern>& patterns, std::vector<std::string>& problems) {
  for (const std::string& text : wanted) {
    if (stream.find(text) == std::string::npos) {
      problems.push_back(fmt::format("{} does not contain \"{}\"", stream_name, text));
    }
  }
  for (const contracts::Pattern& pattern : patterns) {
    if (!pattern.found_in(stream)) problems.push_back(fmt::format("{} does not match /{}/", stream_name, pattern.text()));
  }
}

}  // namespace

Outcome evaluate(const contracts::CommandSpec& spec, const Facts& facts) {
  const std::string expected = describe_expected(spec);
  const auto found = facts.commands.find(spec.run);
  if (found == facts.commands.end()) return Outcome::error(expected, "the command was not run");
  if (!found->second) return Outcome::error(expected, found->second.error());
  const CommandRun& run = *found->second;

  std::vector<std::string> problems;
  if (run.timed_out) {
    problems.push_back(fmt::format("timed out after {} s", spec.timeout.count()));
  } else if (run.exit_code != spec.exit_code) {
    problems.push_back(fmt::format("exit {}", run.exit_code));
  }
  check_stream("stdout", run.out, spec.stdout_contains, spec.stdout_matches, problems);
  check_stream("stderr", run.err, spec.stderr_contains, spec.stderr_matches, problems);
  if (problems.empty()) return Outcome::pass(expected, fmt::format("exit {}", run.exit_code));
  const std::string evidence =
      fmt::format("$ {}\n[exit {}]\n--- stdout ---\n{}\n--- stderr ---\n{}", spec.run, run.exit_code, run.out, run.err);
  return Outcome::fail(expected, fmt::format("{}", fmt::join(problems, "; ")), evidence);
}

}  // namespace hallmark::probes
