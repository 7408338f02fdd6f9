#include <charconv>
#include <iostream>
#include <optional>

#include "runner/cli_commands.hpp"
#include "runner/commands/check_command.hpp"

namespace hallmark::runner::cli {

namespace {

// "30d" or "30" -> 30.
std::optional<int> parse_days(std::string_view text) {
  if (text.ends_with('d')) text.remove_suffix(1);
  int days = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
  if (ec != std::errc{} || end != text.data() + text.size() || days < 0) return std::nullopt;
  return days;
}

}  // namespace

Command add_check(CLI::App& app) {
  struct State {
    std::vector<std::string> files;
    std::string expiring_within;
  };
  auto state = std::make_shared<State>();
  CLI::App* command = app.add_subcommand("check", "validate contracts without a target");
  command->add_option("contracts", state->files, "contract files (TOML)")->required()->check(CLI::ExistingFile);
  command->add_option("--expiring-within", state->expiring_within, "list contracts and waivers ending within N days, e.g. 30d")
      ->check([](const std::string& text) { return parse_days(text) ? std::string{} : "expected a number of days like 30d"; });
  return {command, [state] {
            const auto days = state->expiring_within.empty() ? std::nullopt : parse_days(state->expiring_within);
            return commands::check_contracts(state->files, days, std::cout, std::cerr);
          }};
}

}  // namespace hallmark::runner::cli
