#include "contracts/toml_reader.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hallmark::contracts {

namespace {

// Levenshtein distance, for "did you mean" suggestions on misspelt keys.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string> closest_known_key(std::string_view key, const std::set<std::string, std::less<>>& known) {
  if (key.size() > k_max_suggestion_length) return std::nullopt;
  const auto closest = std::min_element(known.begin(), known.end(), [&](const std::string& a, const std::string& b) {
    return edit_distance(key, a) < edit_distance(key, b);
  });
  if (closest == known.end() || edit_distance(key, *closest) > 2) return std::nullopt;
  return *closest;
}

std::string_view type_name(toml::node_type type) {
  switch (type) {
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "float";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

TableReader::TableReader(const toml::table& table, std::string file, std::string what,
                         std::vector<ContractError>& errors)
    : table_(table), file_(std::move(file)), what_(std::move(what)), errors_(errors) {}

SourcePlace TableReader::place_from(const toml::source_region& region) const {
  return {file_, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

SourcePlace TableReader::place() const { return place_from(table_.source()); }

SourcePlace TableReader::place_of(std::string_view key) const {
  const toml::node* node = table_.get(key);
  return node ? place_from(node->source()) : place();
}

bool TableReader::has(std::string_view key) const { return table_.contains(key); }

void TableReader::error(SourcePlace place, std::string message) {
  errors_.push_back({std::move(place), std::move(message)});
}

const toml::node* TableReader::lookup(std::string_view key) {
  known_.emplace(key);
  return table_.get(key);
}

void TableReader::type_error(std::string_view key, const toml::node& node,
                             std::string_view expected) {
  error(place_from(node.source()), fmt::format("'{}' in {} must be {}, not {}", key, what_,
                                               expected, type_name(node.type())));
}

std::optional<std::string> TableReader::string(std::string_view key, bool required) {
  const toml::node* node = lookup(key);
  if (!node) {
    if (required) error(place(), fmt::format("{} is missing required key '{}'", what_, key));
    return std::nullopt;
  }
  if (const auto* value = node->as_string()) return value->get();
  type_error(key, *node, "a string");
  return std::nullopt;
}

std::optional<bool> TableReader::boolean(std::string_view key) {
  const toml::node* node = lookup(key);
  if (!node) return std::nullopt;
  if (const auto* value = node->as_boolean()) return value->get();
  type_error(key, *node, "a boolean (true or false)");
  return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key) {
  const toml::node* node = lookup(key);
  if (!node) return std::nullopt;
  if (const auto* value = node->as_integer()) return value->get();
  type_error(key, *node, "an integer");
  return std::nullopt;
}

std::optional<std::chrono::year_month_day> TableReader::date(std::string_view key) {
  const toml::node* node = lookup(key);
  if (!node) return std::nullopt;
  if (const auto* value = node->as_date()) {
    const toml::date d = value->get();
    return std::chrono::year_month_day{std::chrono::year{d.year}, std::chrono::month{d.month},
                                       std::chrono::day{d.day}};
  }
  type_error(key, *node, "a date (YYYY-MM-DD, unquoted)");
  return std::nullopt;
}

std::vector<std::string> TableReader::string_array(std::string_view key) {
  std::vector<std::string> result;
  const toml::node* node = lookup(key);
  if (!node) return result;
  const auto* array = node->as_array();
  if (!array) {
    type_error(key, *node, "an array of strings");
    return result;
  }
  for (const toml::node& element : *array) {
    if (const auto* value = element.as_string()) {
      result.push_back(value->get());
    } else {
      type_error(key, element, "an array of strings, but an element is");
    }
  }
  return result;
}

std::vector<std::string> TableReader::strings(std::string_view key) {
  const toml::node* node = table_.get(key);
  if (node && node->is_string()) return {*string(key)};
  return string_array(key);
}

std::optional<Pattern> TableReader::pattern(std::string_view key) {
  const auto text = string(key);
  if (!text) return std::nullopt;
  auto compiled = Pattern::compile(*text);
  if (!compiled) {
    error(place_of(key), fmt::format("'{}' is not a valid regular expression: {}", key, compiled.error()));
    return std::nullopt;
  }
  return *compiled;
}

std::vector<Pattern> TableReader::patterns(std::string_view key) {
  std::vector<Pattern> result;
  for (const std::string& text : strings(key)) {
    auto compiled = Pattern::compile(text);
    if (compiled) {
      result.push_back(std::move(*compiled));
    } else {
      error(place_of(key), fmt::format("'{}' holds an invalid regular expression \"{}\": {}", key, text, compiled.error()));
    }
  }
  return result;
}

std::optional<VersionConstraint> TableReader::constraint(std::string_view key) {
  const auto text = string(key);
  if (!text) return std::nullopt;
  auto parsed = parse_version_constraint(*text);
  if (!parsed) {
    SourcePlace place = place_of(key);
    place.column += 1 + static_cast<int>(parsed.error().column);  // skip the opening quote
    error(place, fmt::format("bad version constraint \"{}\": {}", *text, parsed.error().message));
    return std::nullopt;
  }
  return *parsed;
}

std::optional<std::uint64_t> TableReader::count(std::string_view key) {
  const auto value = integer(key);
  if (!value) return std::nullopt;
  if (*value < 0) {
    error(place_of(key), fmt::format("'{}' must not be negative", key));
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(*value);
}

void TableReader::finish() {
  for (const auto& [key, node] : table_) {
    if (known_.contains(key.str())) continue;
    std::string message = fmt::format("unknown key '{}' in {}", key.str(), what_);
    if (const auto closest = closest_known_key(key.str(), known_)) message += fmt::format("; did you mean '{}'?", *closest);
    error(place_from(key.source()), std::move(message));
  }
}

}  // namespace hallmark::contracts
