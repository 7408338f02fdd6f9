#include "contracts/read_baseline.hpp"

#include <array>

#include <fmt/format.h>

#include "contracts/toml_reader.hpp"

namespace hallmark::contracts {

namespace {

SourcePlace place_of(const toml::node& node, const std::string& file) {
  return {file, static_cast<int>(node.source().begin.line), static_cast<int>(node.source().begin.column)};
}

// Keeps `action` when the key is absent; reports a value that is not an action.
void read_action(TableReader& section, std::string_view key, DiffAction& action) {
  const auto text = section.string(key);
  if (!text) return;
  if (const auto parsed = diff_action_from_string(*text)) {
    action = *parsed;
    return;
  }
  section.error(section.place_of(key),
                fmt::format("'{}' must be \"fail\", \"report\" or \"ignore\", not \"{}\"", key, *text));
}

// A list of names, or the word "all-snapshotted" (also the default), which reads as nullopt.
std::optional<std::vector<std::string>> read_scope(TableReader& section, const toml::table& table,
                                                   std::string_view key, std::string_view names) {
  const toml::node* node = table.get(key);
  if (!node || node->is_string()) {
    const auto word = section.string(key);
    if (word && *word != "all-snapshotted") {
      section.error(section.place_of(key), fmt::format("'{}' in {} must be \"all-snapshotted\" or a list of {}, "
                                                       "not \"{}\"", key, section.what(), names, *word));
    }
    return std::nullopt;
  }
  std::vector<std::string> list = section.string_array(key);
  if (node->is_array() && node->as_array()->empty()) {
    section.error(section.place_of(key), fmt::format("'{}' in {} is empty; list {} or write \"all-snapshotted\"",
                                                     key, section.what(), names));
  }
  return list;
}

void read_packages(TableReader& section, const toml::table&, BaselineSpec& spec) {
  read_action(section, "removed", spec.packages.removed);
  read_action(section, "downgraded", spec.packages.downgraded);
  read_action(section, "added", spec.packages.added);
  read_action(section, "upgraded", spec.packages.upgraded);
}

void read_symbols(TableReader& section, const toml::table& table, BaselineSpec& spec) {
  spec.symbols.libraries = read_scope(section, table, "libraries", "sonames or paths");
  read_action(section, "removed", spec.symbols.removed);
  read_action(section, "added", spec.symbols.added);
}

void read_sysctl(TableReader& section, const toml::table& table, BaselineSpec& spec) {
  spec.sysctl.keys = read_scope(section, table, "keys", "sysctl keys");
  read_action(section, "changed", spec.sysctl.changed);
}

void read_ports(TableReader& section, const toml::table&, BaselineSpec& spec) {
  read_action(section, "closed", spec.ports.closed);
  read_action(section, "opened", spec.ports.opened);
}

// An inline table (or [baseline.NAME] table) of [baseline] and the reader of its keys.
struct Section {
  std::string_view name;
  void (*read)(TableReader&, const toml::table&, BaselineSpec&);
};

constexpr std::array k_sections{Section{"packages", read_packages}, Section{"symbols", read_symbols},
                                Section{"sysctl", read_sysctl}, Section{"ports", read_ports}};
constexpr std::string_view k_allow_list = "allow_removed_packages";

}  // namespace

std::optional<BaselineSpec> read_baseline(const toml::node& node, const std::string& file,
                                          std::vector<ContractError>& errors) {
  const std::size_t errors_before = errors.size();
  const toml::table* table = node.as_table();
  if (!table) {
    errors.push_back({place_of(node, file), "'baseline' must be a table: write [baseline]"});
    return std::nullopt;
  }
  BaselineSpec spec;
  spec.place = place_of(*table, file);
  for (const Section& section : k_sections) {
    const toml::node* value = table->get(section.name);
    if (!value) continue;
    if (const toml::table* section_table = value->as_table()) {
      TableReader reader(*section_table, file, fmt::format("[baseline].{}", section.name), errors);
      section.read(reader, *section_table, spec);
      reader.finish();
    } else {
      errors.push_back({place_of(*value, file), fmt::format("'{}' in [baseline] must be a table, not {}", section.name,
                                                            type_name(value->type()))});
    }
  }
  TableReader reader(*table, file, "[baseline]", errors);
  spec.allow_removed_packages = reader.string_array(k_allow_list);
  // TableReader checks for unknown keys among those it was asked for, and cannot hand out a
  // section table. A copy whose known keys are all placeholder strings lets it check the rest
  // (keys keep their places) and suggest a known key for a misspelt one.
  toml::table keys = *table;
  std::vector<std::string_view> known{k_allow_list};
  for (const Section& section : k_sections) known.push_back(section.name);
  for (std::string_view key : known) {
    if (keys.contains(key)) keys.insert_or_assign(key, "");
  }
  TableReader key_check(keys, file, "[baseline]", errors);
  for (std::string_view key : known) key_check.string(key);
  key_check.finish();
  if (errors.size() != errors_before) return std::nullopt;
  return spec;
}

}  // namespace hallmark::contracts
