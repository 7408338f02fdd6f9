#include <fmt/format.h>

#include "contracts/clause_kind_readers.hpp"

// Readers of the clause kinds that run a command on the target.
namespace hallmark::contracts::readers {

namespace {

std::optional<CommandSpec> read_command_spec(TableReader& reader) {
  CommandSpec spec;
  const auto run = reader.string("run", true);
  if (const auto code = reader.integer("exit_code")) {
    if (*code < 0 || *code > 255) reader.error(reader.place_of("exit_code"), "'exit_code' must be from 0 to 255");
    spec.exit_code = static_cast<int>(*code);
  }
  spec.stdout_contains = reader.strings("stdout_contains");
  spec.stderr_contains = reader.strings("stderr_contains");
  spec.stdout_matches = reader.patterns("stdout_matches");
  spec.stderr_matches = reader.patterns("stderr_matches");
  if (const auto timeout = reader.integer("timeout")) {
    if (*timeout <= 0) reader.error(reader.place_of("timeout"), "'timeout' must be a positive number of seconds");
    spec.timeout = std::chrono::seconds{*timeout};
  }
  if (const auto parallel = reader.boolean("parallel")) spec.parallel = *parallel;
  if (!run) return std::nullopt;
  spec.run = *run;
  return spec;
}

// "BZ#1234" -> "bz-1234": a readable id fragment from a bug reference.
std::string id_from_bug(std::string_view bug) {
  std::string id;
  for (const char c : bug) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

}  // namespace

std::optional<ReadSpec> command(TableReader& reader) {
  auto spec = read_command_spec(reader);
  if (!spec) return std::nullopt;
  return ReadSpec{*spec, ""};  // commands have no natural name: an explicit id is required
}

std::optional<ReadSpec> regression(TableReader& reader) {
  // `bug` is one of the common keys, read by the loader; a regression cannot exist without it.
  const auto bug = reader.string("bug");
  if (!bug) reader.error(reader.place(), fmt::format("{} needs 'bug': the bug this check guards against", reader.what()));
  auto spec = read_command_spec(reader);
  if (!spec || !bug) return std::nullopt;
  return ReadSpec{*spec, "regression." + id_from_bug(*bug)};
}

}  // namespace hallmark::contracts::readers
