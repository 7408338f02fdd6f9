#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "contracts/pattern.hpp"
#include "contracts/source_place.hpp"
#include "contracts/version_constraint.hpp"

namespace hallmark::contracts {

// Keys longer than this get no "did you mean": the edit distance costs the product of the
// lengths, and no key a reader knows is anywhere near this long.
inline constexpr std::size_t k_max_suggestion_length = 64;

// The known key that `key` most likely misspells (edit distance at most 2), for "did you mean";
// nullopt when none is that close or `key` is longer than k_max_suggestion_length.
std::optional<std::string> closest_known_key(std::string_view key, const std::set<std::string, std::less<>>& known);

// Reads typed values out of one TOML table, strictly: every problem (wrong type, missing
// required key, unknown key) becomes a ContractError with the place toml++ recorded.
class TableReader {
 public:
  // `what` names the table in messages, e.g. "[[package]]".
  TableReader(const toml::table& table, std::string file, std::string what,
              std::vector<ContractError>& errors);

  std::optional<std::string> string(std::string_view key, bool required = false);
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key);
  std::optional<std::chrono::year_month_day> date(std::string_view key);
  std::vector<std::string> string_array(std::string_view key);
  // A string or an array of strings, as a list.
  std::vector<std::string> strings(std::string_view key);

  // A string compiled as a regular expression, or a list of them.
  std::optional<Pattern> pattern(std::string_view key);
  std::vector<Pattern> patterns(std::string_view key);
  // A version constraint such as ">= 1.2, < 2"; errors point inside the string.
  std::optional<VersionConstraint> constraint(std::string_view key);
  // A whole number >= 0.
  std::optional<std::uint64_t> count(std::string_view key);

  bool has(std::string_view key) const;
  // Place of the value under `key`, or of the table when the key is absent.
  SourcePlace place_of(std::string_view key) const;
  SourcePlace place() const;
  const std::string& what() const { return what_; }

  void error(SourcePlace place, std::string message);
  // Reports every key that no accessor asked for, suggesting a close known key.
  void finish();

 private:
  const toml::node* lookup(std::string_view key);
  SourcePlace place_from(const toml::source_region& region) const;
  void type_error(std::string_view key, const toml::node& node, std::string_view expected);

  const toml::table& table_;
  std::string file_;
  std::string what_;
  std::vector<ContractError>& errors_;
  std::set<std::string, std::less<>> known_;
};

// "string", "integer", "array", ... for messages.
std::string_view type_name(toml::node_type type);

}  // namespace hallmark::contracts
