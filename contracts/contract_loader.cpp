#include "contracts/contract_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "contracts/clause_readers.hpp"
#include "util/sha256.hpp"
#include "contracts/read_baseline.hpp"
#include "util/text_file.hpp"
#include "contracts/toml_depth.hpp"
#include "contracts/toml_reader.hpp"

namespace hallmark::contracts {

namespace {

// MAJOR.MINOR.PATCH with optional -prerelease and +build, as semver.org defines it.
bool is_semantic_version(std::string_view text) {
  const auto core_end = text.find_first_of("-+");
  const std::string_view core = text.substr(0, core_end);
  int parts = 0;
  std::size_t start = 0;
  while (start <= core.size()) {
    const auto dot = core.find('.', start);
    const std::string_view part = core.substr(start, dot - start);
    if (part.empty() || part.find_first_not_of("0123456789") != std::string_view::npos ||
        (part.size() > 1 && part.front() == '0')) {
      return false;
    }
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts != 3) return false;
  if (core_end == std::string_view::npos) return true;
  const std::string_view suffix = text.substr(core_end + 1);
  return !suffix.empty() &&
         suffix.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-.+") ==
             std::string_view::npos;
}

std::optional<Severity> severity_from(std::string_view text) {
  if (text == "blocking") return Severity::blocking;
  if (text == "warning") return Severity::warning;
  return std::nullopt;
}

// An `include` entry: the path as written (relative to the including file) and where.
struct Include {
  std::string path;
  SourcePlace place;
};

void read_header(const toml::table& root, Contract& contract, std::vector<Include>& includes,
                 std::vector<ContractError>& errors) {
  const toml::node* node = root.get("contract");
  if (!node || !node->is_table()) {
    errors.push_back({{contract.file, 1, 1},
                      "a contract needs a [contract] table with at least 'name' and 'version'"});
    return;
  }
  TableReader reader(*node->as_table(), contract.file, "[contract]", errors);
  contract.name = reader.string("name", true).value_or("");
  if (const auto version = reader.string("version", true)) {
    if (!is_semantic_version(*version)) {
      reader.error(reader.place_of("version"),
                   fmt::format("'version' must be a semantic version like \"1.4.0\", not \"{}\"",
                               *version));
    }
    contract.version = *version;
  }
  contract.description = reader.string("description").value_or("");
  contract.owner = reader.string("owner").value_or("");
  contract.support_until = reader.date("support_until");
  if (auto bug_url = reader.string("bug_url")) {
    if (bug_url->find("{}") == std::string::npos) {
      reader.error(reader.place_of("bug_url"), "'bug_url' must contain {} where the bug id goes");
    }
    contract.bug_url = std::move(*bug_url);
  }
  for (const std::string& path : reader.strings("include")) includes.push_back({path, reader.place_of("include")});
  if (const auto manager = reader.string("package_manager")) {
    if (*manager != "dpkg" && *manager != "rpm" && *manager != "apk") {
      reader.error(reader.place_of("package_manager"),
                   fmt::format("'package_manager' must be \"dpkg\", \"rpm\" or \"apk\", not \"{}\"", *manager));
    }
    contract.package_manager = *manager;
  }
  reader.finish();
}

// Reads the fields every clause kind shares, then the kind's own keys.
std::optional<Clause> read_clause(const toml::table& table, const ClauseKind& kind,
                                  const std::string& file, std::vector<ContractError>& errors) {
  TableReader reader(table, file, fmt::format("[[{}]]", kind.name), errors);
  Clause clause;
  clause.kind = std::string(kind.name);
  clause.place = reader.place();
  const auto id = reader.string("id");
  clause.bug = reader.string("bug");
  clause.description = reader.string("description");
  if (const auto severity = reader.string("severity")) {
    if (const auto parsed = severity_from(*severity)) {
      clause.severity = *parsed;
    } else {
      reader.error(reader.place_of("severity"),
                   fmt::format("'severity' must be \"blocking\" or \"warning\", not \"{}\"", *severity));
    }
  }
  clause.tags = reader.string_array("tags");
  auto spec = kind.read(reader);
  reader.finish();
  if (!spec) return std::nullopt;
  clause.spec = std::move(spec->spec);
  clause.id = id ? *id : spec->derived_id;
  if (clause.id.empty()) {
    reader.error(clause.place, fmt::format("{} needs an 'id' (there is no name to derive one from)",
                                           reader.what()));
    return std::nullopt;
  }
  return clause;
}

std::optional<Waiver> read_waiver(const toml::table& table, const std::string& file, std::vector<ContractError>& errors) {
  TableReader reader(table, file, "[[waiver]]", errors);
  const auto clause = reader.string("clause", true);
  const auto bug = reader.string("bug", true);
  const auto justification = reader.string("justification", true);
  const auto expires = reader.date("expires");
  if (!expires && !reader.has("expires")) {
    reader.error(reader.place(), "[[waiver]] is missing required key 'expires': a waiver without an end date is not allowed");
  }
  reader.finish();
  if (!clause || !bug || !justification || !expires) return std::nullopt;
  return Waiver{*clause, *bug, *justification, *expires, reader.place()};
}

void read_clauses(const toml::table& root, Contract& contract, std::vector<ContractError>& errors) {
  const auto kinds = clause_kinds();
  for (const auto& [key, node] : root) {
    if (key.str() == "contract") continue;
    if (key.str() == "baseline") {
      contract.baseline = read_baseline(node, contract.file, errors);
      continue;
    }
    if (key.str() == "waiver" && node.is_array_of_tables()) {
      for (const toml::node& element : *node.as_array()) {
        if (auto waiver = read_waiver(*element.as_table(), contract.file, errors)) contract.waivers.push_back(std::move(*waiver));
      }
      continue;
    }
    const auto kind = std::find_if(kinds.begin(), kinds.end(),
                                   [&](const ClauseKind& k) { return k.name == key.str(); });
    const SourcePlace place{contract.file, static_cast<int>(key.source().begin.line),
                            static_cast<int>(key.source().begin.column)};
    if (kind == kinds.end()) {
      std::string known;
      for (const ClauseKind& k : kinds) known += fmt::format(" [[{}]]", k.name);
      errors.push_back({place, fmt::format("unknown section '{}'; clause kinds are{}", key.str(), known)});
      continue;
    }
    const toml::array* array = node.as_array();
    if (!array || !array->is_array_of_tables()) {
      errors.push_back({place, fmt::format("'{0}' must be an array of tables: write [[{0}]]", key.str())});
      continue;
    }
    for (const toml::node& element : *array) {
      if (auto clause = read_clause(*element.as_table(), *kind, contract.file, errors)) {
        contract.clauses.push_back(std::move(*clause));
      }
    }
  }
  // toml++ iterates keys in name order; a contract reads best in file order.
  std::stable_sort(contract.clauses.begin(), contract.clauses.end(), [](const Clause& a, const Clause& b) {
    return std::pair(a.place.line, a.place.column) < std::pair(b.place.line, b.place.column);
  });
}

// Reads one file's own header, clauses and waivers, and lists its includes.
void parse_one(std::string_view text, Contract& contract, std::vector<Include>& includes,
               std::vector<ContractError>& errors) {
  contract.sha256 = util::sha256_hex(text);
  if (auto too_deep = check_toml_depth(text, contract.file)) {
    errors.push_back(std::move(*too_deep));
    return;
  }
  toml::table root;
  try {
    root = toml::parse(text, contract.file);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    errors.push_back({{contract.file, static_cast<int>(begin.line), static_cast<int>(begin.column)},
                      std::string(error.description())});
    return;
  }
  read_header(root, contract, includes, errors);
  read_clauses(root, contract, errors);
}

// The largest contract file read, named or included: a contract is a few hundred KB at most.
constexpr std::uintmax_t k_max_include_bytes = 16 * 1024 * 1024;

// The file an include names, or why it cannot be one: only regular .toml files of at most 16 MiB,
// so an include never reads a device or a FIFO, and never quotes a byte of a file (such as
// /etc/shadow) that does not claim to be a contract, in a parse error.
std::expected<std::string, std::string> read_include(const std::string& path) {
  if (std::filesystem::path(path).extension() != ".toml") return std::unexpected("is not a .toml file");
  return util::read_regular_file(path, k_max_include_bytes);
}

// Where `path` really is, to detect cycles; the path itself when that cannot be found out
// (a name too long, a loop of symlinks): reading it then fails with its own reason.
std::string canonical_or_same(const std::string& path) {
  std::error_code error;
  const std::filesystem::path canonical = std::filesystem::weakly_canonical(path, error);
  return error ? path : canonical.string();
}

// How deep includes may nest: far beyond any real layering, and far short of the stack a chain
// of generated files would exhaust.
constexpr std::size_t k_max_include_depth = 64;

// Loads `text` as `file` and, depth first, everything it includes, merging their clauses and
// waivers into `contract`. `chain` holds the files being loaded, to report include cycles.
void load_tree(std::string_view text, Contract& contract, std::vector<std::string>& chain,
               std::vector<ContractError>& errors) {
  std::vector<Include> includes;
  parse_one(text, contract, includes, errors);
  chain.push_back(canonical_or_same(contract.file));
  const std::filesystem::path directory = std::filesystem::path(contract.file).parent_path();
  for (const Include& include : includes) {
    const std::string path = (directory / include.path).lexically_normal().string();
    if (std::find(chain.begin(), chain.end(), canonical_or_same(path)) != chain.end()) {
      errors.push_back({include.place, fmt::format("include cycle: {} is already being loaded (included from {})", path,
                                                   contract.file)});
      continue;
    }
    if (chain.size() >= k_max_include_depth) {
      errors.push_back({include.place, fmt::format("includes nest deeper than {} files", k_max_include_depth)});
      continue;
    }
    const auto included_text = read_include(path);
    if (!included_text) {
      errors.push_back({include.place, fmt::format("cannot include {}: it {}", path, included_text.error())});
      continue;
    }
    Contract included;
    included.file = path;
    load_tree(*included_text, included, chain, errors);
    contract.includes.push_back({included.file, included.sha256});
    for (IncludedFile& nested : included.includes) contract.includes.push_back(std::move(nested));
    for (Clause& clause : included.clauses) contract.clauses.push_back(std::move(clause));
    for (Waiver& waiver : included.waivers) contract.waivers.push_back(std::move(waiver));
    if (!contract.baseline) contract.baseline = std::move(included.baseline);
  }
  chain.pop_back();
}

}  // namespace

LoadResult parse_contract(std::string_view text, const std::string& file) {
  Contract contract;
  contract.file = file;
  std::vector<ContractError> errors;
  std::vector<std::string> chain;
  load_tree(text, contract, chain, errors);
  if (errors.empty()) {
    const Contract* self = &contract;
    errors = find_duplicate_ids({self, 1});
    std::ranges::move(find_unknown_waivers(contract), std::back_inserter(errors));
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));
  return contract;
}

LoadResult load_contract(const std::string& path) {
  // Bounded like an include (`hallmark check /dev/zero` must end), but a pipe is fine here: the
  // user named it (`hallmark check <(generate-contract)`).
  const auto text = util::read_text_file(path, k_max_include_bytes);
  if (!text) {
    const std::string why = std::filesystem::exists(path)
                                ? fmt::format("cannot read the contract file: unreadable, or larger than {} bytes", k_max_include_bytes)
                                : "cannot read the contract file";
    return std::unexpected(std::vector<ContractError>{{{path, 0, 0}, why}});
  }
  return parse_contract(*text, path);
}

std::vector<ContractError> find_duplicate_ids(std::span<const Contract> contracts) {
  std::vector<ContractError> errors;
  std::map<std::string, const Clause*> first_by_id;
  for (const Contract& contract : contracts) {
    for (const Clause& clause : contract.clauses) {
      const auto [it, inserted] = first_by_id.emplace(clause.id, &clause);
      if (!inserted) {
        errors.push_back({clause.place, fmt::format("duplicate clause id '{}'; first used at {}",
                                                    clause.id, it->second->place.str())});
      }
    }
  }
  return errors;
}

std::vector<ContractError> find_unknown_waivers(const Contract& contract) {
  std::set<std::string_view> ids;  // a set, not a scan per waiver: 60k waivers on 60k clauses took seconds
  for (const Clause& clause : contract.clauses) ids.insert(clause.id);
  std::vector<ContractError> errors;
  for (const Waiver& waiver : contract.waivers) {
    if (!ids.contains(waiver.clause)) errors.push_back({waiver.place, fmt::format("waiver for unknown clause '{}'", waiver.clause)});
  }
  return errors;
}

}  // namespace hallmark::contracts
