#include <fmt/format.h>

#include "contracts/clause_kind_readers.hpp"

// Readers of the clause kinds about accounts and services.
namespace hallmark::contracts::readers {

namespace {

std::optional<unsigned> read_id(TableReader& reader, std::string_view key) {
  const auto value = reader.integer(key);
  if (!value) return std::nullopt;
  if (*value < 0 || *value > 4294967295LL) {
    reader.error(reader.place_of(key), fmt::format("'{}' must be a number from 0 to 4294967295", key));
    return std::nullopt;
  }
  return static_cast<unsigned>(*value);
}

std::optional<UnitState> unit_state_from(std::string_view text) {
  if (text == "enabled") return UnitState::enabled;
  if (text == "disabled") return UnitState::disabled;
  if (text == "masked") return UnitState::masked;
  if (text == "static") return UnitState::static_unit;
  return std::nullopt;
}

void reject_with_absent(TableReader& reader, bool absent, bool says_more) {
  if (absent && says_more) {
    reader.error(reader.place_of("absent"), "absent = true cannot be combined with other expectations");
  }
}

}  // namespace

std::optional<ReadSpec> service(TableReader& reader) {
  ServiceSpec spec;
  const auto name = reader.string("name", true);
  if (const auto state = reader.string("state")) {
    spec.state = unit_state_from(*state);
    if (!spec.state) {
      reader.error(reader.place_of("state"),
                   fmt::format("'state' must be \"enabled\", \"disabled\", \"masked\" or \"static\", not \"{}\"", *state));
    }
  }
  spec.active = reader.boolean("active");
  if (!reader.has("state") && !spec.active) {
    reader.error(reader.place(), fmt::format("{} needs 'state' or 'active'", reader.what()));
  }
  if (!name) return std::nullopt;
  spec.name = name->find('.') == std::string::npos ? *name + ".service" : *name;
  return ReadSpec{spec, "service." + spec.name};
}

std::optional<ReadSpec> user(TableReader& reader) {
  UserSpec spec;
  const auto name = reader.string("name", true);
  spec.absent = reader.boolean("absent").value_or(false);
  spec.uid = read_id(reader, "uid");
  spec.gid = read_id(reader, "gid");
  spec.home = reader.string("home");
  spec.shell = reader.string("shell");
  spec.groups = reader.strings("groups");
  reject_with_absent(reader, spec.absent, spec.uid || spec.gid || spec.home || spec.shell || !spec.groups.empty());
  if (!name) return std::nullopt;
  spec.name = *name;
  return ReadSpec{spec, "user." + spec.name};
}

std::optional<ReadSpec> group(TableReader& reader) {
  GroupSpec spec;
  const auto name = reader.string("name", true);
  spec.absent = reader.boolean("absent").value_or(false);
  spec.gid = read_id(reader, "gid");
  spec.members = reader.strings("members");
  reject_with_absent(reader, spec.absent, spec.gid || !spec.members.empty());
  if (!name) return std::nullopt;
  spec.name = *name;
  return ReadSpec{spec, "group." + spec.name};
}

}  // namespace hallmark::contracts::readers
