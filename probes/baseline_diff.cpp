#include "probes/baseline_diff.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace hallmark::probes {

namespace {

using contracts::DiffAction;

DiffAction strictest(std::initializer_list<DiffAction> actions) { return std::min(actions); }

// Collects the findings of one kind; differences whose action is ignore are dropped.
class Findings {
 public:
  Findings(std::string kind, std::vector<BaselineFinding>& out) : kind_(std::move(kind)), out_(out) {}

  void add(DiffAction action, std::string id, std::string expected, std::string actual) {
    push(action, std::move(id), std::move(expected), std::move(actual), false);
  }
  void unavailable(DiffAction action, std::string id, std::string expected, std::string why) {
    push(action, std::move(id), std::move(expected), std::move(why), true);
  }

 private:
  void push(DiffAction action, std::string id, std::string expected, std::string actual, bool error) {
    if (action == DiffAction::ignore) return;
    out_.push_back({kind_, std::move(id), action, std::move(expected), std::move(actual), error});
  }

  std::string kind_;
  std::vector<BaselineFinding>& out_;
};

// Appends the findings of one kind, ordered by id.
void compare_section(std::string kind, std::vector<BaselineFinding>& out, const auto& compare) {
  const auto first = static_cast<std::ptrdiff_t>(out.size());
  Findings findings(std::move(kind), out);
  compare(findings);
  std::stable_sort(out.begin() + first, out.end(),
                   [](const BaselineFinding& a, const BaselineFinding& b) { return a.id < b.id; });
}

// A whole-target fact of the baseline snapshot, or why there is none.
template <class T>
std::expected<const T*, std::string> baseline_fact(const std::optional<Fact<T>>& fact, std::string_view what) {
  if (!fact) return std::unexpected(fmt::format("the baseline snapshot holds no {}", what));
  if (!*fact) return std::unexpected(fmt::format("the baseline snapshot could not record {}: {}", what, fact->error()));
  return &**fact;
}

// A whole-target fact of the candidate, or why there is none.
template <class T>
std::expected<const T*, std::string> candidate_fact(const std::optional<Fact<T>>& fact, std::string_view what) {
  if (!fact) return std::unexpected(fmt::format("{} were not gathered", what));
  if (!*fact) return std::unexpected(fact->error());
  return &**fact;
}

std::string family_name(const std::optional<VersionScheme>& scheme) {
  return scheme ? std::string(to_string(*scheme)) : "no known package database";
}

using PackageKey = std::pair<std::string, std::string>;  // (name, arch)
using PackageVersions = std::map<PackageKey, std::vector<std::string>>;

PackageVersions by_name_and_arch(const PackageFacts& packages) {
  PackageVersions versions;
  for (const InstalledPackage& package : packages.installed) {
    versions[{package.name, package.arch}].push_back(package.version);
  }
  for (auto& [key, list] : versions) std::ranges::sort(list);
  return versions;
}

std::string describe(const PackageKey& key, const std::vector<std::string>& versions) {
  const std::string arch = key.second.empty() ? "" : fmt::format(" ({})", key.second);
  return fmt::format("{} {}{}", key.first, fmt::join(versions, ", "), arch);
}

const std::string& newest(VersionScheme scheme, const std::vector<std::string>& versions) {
  return *std::ranges::max_element(
      versions, [&](const std::string& a, const std::string& b) { return compare_versions(scheme, a, b) < 0; });
}

void compare_packages(const contracts::BaselineSpec& policy, const Facts& baseline, const Facts& candidate,
                      Findings& findings) {
  const contracts::PackageBaseline& actions = policy.packages;
  const DiffAction any = strictest({actions.removed, actions.downgraded, actions.added, actions.upgraded});
  if (any == DiffAction::ignore) return;
  const auto before = baseline_fact(baseline.packages, "installed packages");
  if (!before) return findings.unavailable(any, "packages.unavailable", "installed packages", before.error());
  const auto after = candidate_fact(candidate.packages, "installed packages");
  if (!after) return findings.unavailable(any, "packages.unavailable", "installed packages", after.error());

  const std::optional<VersionScheme> scheme = (*before)->scheme;
  if (scheme != (*after)->scheme) {
    findings.add(strictest({actions.removed, actions.downgraded}), "package.family.changed", family_name(scheme),
                 family_name((*after)->scheme));
  }
  const bool ordered = scheme && scheme == (*after)->scheme;  // versions of different families do not compare
  const PackageVersions old_versions = by_name_and_arch(**before);
  const PackageVersions new_versions = by_name_and_arch(**after);
  // A name installed for several architectures is told apart by its arch, as dpkg does.
  std::map<std::string, std::set<std::string>> arches;
  for (const PackageVersions* versions : {&old_versions, &new_versions}) {
    for (const auto& [key, list] : *versions) arches[key.first].insert(key.second);
  }
  const auto name_of = [&](const PackageKey& key) {
    return arches[key.first].size() > 1 ? fmt::format("{}:{}", key.first, key.second) : key.first;
  };
  const auto& allowed = policy.allow_removed_packages;
  for (const auto& [key, versions] : old_versions) {
    const auto found = new_versions.find(key);
    if (found == new_versions.end()) {
      DiffAction action = actions.removed;
      if (std::ranges::find(allowed, key.first) != allowed.end()) action = std::max(action, DiffAction::report);
      findings.add(action, "package.removed." + name_of(key), describe(key, versions), "not installed");
      continue;
    }
    if (!ordered) continue;
    const int order = compare_versions(*scheme, newest(*scheme, versions), newest(*scheme, found->second));
    if (order == 0) continue;
    findings.add(order > 0 ? actions.downgraded : actions.upgraded,
                 fmt::format("package.{}.{}", order > 0 ? "downgraded" : "upgraded", name_of(key)),
                 describe(key, versions), describe(key, found->second));
  }
  for (const auto& [key, versions] : new_versions) {
    if (old_versions.contains(key)) continue;
    findings.add(actions.added, "package.added." + name_of(key), "not installed", describe(key, versions));
  }
}

// What one side knows of a library.
struct LibraryView {
  enum class State { present, absent, unknown };
  State state = State::unknown;
  std::string path;
  const ElfFacts* elf = nullptr;  // when present
  std::string why;                // when absent or unknown
};

LibraryView unknown(std::string why) { return {LibraryView::State::unknown, "", nullptr, std::move(why)}; }
LibraryView absent(std::string why) { return {LibraryView::State::absent, "", nullptr, std::move(why)}; }

LibraryView view_of(const std::string& path, const std::expected<ElfFacts, std::string>& elf) {
  if (path.empty()) return absent("not found on the target");
  if (!elf) return absent(fmt::format("{}: {}", path, elf.error()));
  return {LibraryView::State::present, path, &*elf, ""};
}

LibraryView view_of(const Fact<LibraryFacts>& library) {
  if (!library) return unknown(library.error());
  return view_of(library->path, library->elf);
}

// How a library found in a directory is known across versions: its soname, else its file name.
std::string library_key(const BinaryFacts& binary) {
  if (binary.elf && !binary.elf->soname.empty()) return binary.elf->soname;
  return binary.path.substr(binary.path.rfind('/') + 1);
}

// The libraries of one directory by key; of several files with one soname, the first readable one.
std::map<std::string, const BinaryFacts*> libraries_by_key(const std::vector<BinaryFacts>& binaries) {
  std::map<std::string, const BinaryFacts*> by_key;
  for (const BinaryFacts& binary : binaries) {
    auto [it, inserted] = by_key.emplace(library_key(binary), &binary);
    if (!inserted && !it->second->elf && binary.elf) it->second = &binary;
  }
  return by_key;
}

// A library to compare: its name in ids, and what each side knows of it.
struct LibraryPair {
  std::string name;
  LibraryView before;
  LibraryView after;
};

LibraryPair named_library(const std::string& name, const Fact<LibraryFacts>& before, const Facts& candidate) {
  const auto found = candidate.libraries.find(name);
  if (found == candidate.libraries.end()) return {name, view_of(before), unknown(name + " was not gathered")};
  return {name, view_of(before), view_of(found->second)};
}

// Pairs the libraries of one baseline directory with the candidate's; `only` limits them to one key.
void directory_libraries(const std::string& directory, const Fact<std::vector<BinaryFacts>>& before,
                         const Facts& candidate, const std::string* only, std::vector<LibraryPair>& pairs) {
  if (!before) {
    const std::string why = fmt::format("the baseline snapshot could not record {}: {}", directory, before.error());
    pairs.push_back({directory, unknown(why), {}});
    return;
  }
  const auto found = candidate.binary_dirs.find(directory);
  std::string why;
  if (found == candidate.binary_dirs.end()) why = directory + " was not gathered";
  if (found != candidate.binary_dirs.end() && !found->second) why = found->second.error();
  const auto old_libraries = libraries_by_key(*before);
  const auto new_libraries = why.empty() ? libraries_by_key(*found->second) : decltype(old_libraries){};
  const auto not_in = [&](const std::string& key) { return absent(fmt::format("no {} in {}", key, directory)); };
  for (const auto& [key, binary] : old_libraries) {
    if (only && key != *only) continue;
    const auto now = new_libraries.find(key);
    LibraryView after = !why.empty()                 ? unknown(why)
                        : now == new_libraries.end() ? not_in(key)
                                                     : view_of(now->second->path, now->second->elf);
    pairs.push_back({key, view_of(binary->path, binary->elf), std::move(after)});
  }
  if (only) return;
  for (const auto& [key, binary] : new_libraries) {
    if (!old_libraries.contains(key)) pairs.push_back({key, not_in(key), view_of(binary->path, binary->elf)});
  }
}

// The libraries the policy names (or all the baseline holds), paired with the candidate's.
std::vector<LibraryPair> library_pairs(const contracts::SymbolBaseline& policy, const Facts& baseline,
                                       const Facts& candidate) {
  std::vector<LibraryPair> pairs;
  if (!policy.libraries) {
    for (const auto& [name, library] : baseline.libraries) pairs.push_back(named_library(name, library, candidate));
    for (const auto& [directory, binaries] : baseline.binary_dirs) {
      directory_libraries(directory, binaries, candidate, nullptr, pairs);
    }
    return pairs;
  }
  for (const std::string& name : *policy.libraries) {
    if (const auto found = baseline.libraries.find(name); found != baseline.libraries.end()) {
      pairs.push_back(named_library(name, found->second, candidate));
      continue;
    }
    const std::size_t before = pairs.size();
    for (const auto& [directory, binaries] : baseline.binary_dirs) {
      if (binaries && libraries_by_key(*binaries).contains(name)) {
        directory_libraries(directory, binaries, candidate, &name, pairs);
      }
    }
    if (pairs.size() == before) pairs.push_back({name, unknown("the baseline snapshot holds no " + name), {}});
  }
  return pairs;
}

std::string soname_text(const ElfFacts& elf) { return elf.soname.empty() ? "(none)" : elf.soname; }

std::string describe(const LibraryView& library) {
  return fmt::format("{} (soname {}, {} exports, {} version definitions)", library.path, soname_text(*library.elf),
                     library.elf->exports.size(), library.elf->version_definitions.size());
}

// How findings about exported symbols or version definitions are worded.
struct Wording {
  std::string_view kind;  // first word of the id
  std::string_view has;
  std::string_view lacks;
};
constexpr Wording k_symbols{"symbol", "exports", "does not export"};
constexpr Wording k_versions{"version", "defines", "does not define"};

// A removal per name only `before` has and an addition per name only `after` has.
void compare_names(const std::set<std::string>& before, const std::set<std::string>& after, const Wording& words,
                   const std::string& library, const contracts::SymbolBaseline& policy, Findings& findings) {
  const auto says = [&](std::string_view verb, const std::string& name) {
    return fmt::format("{} {} {}", library, verb, name);
  };
  for (const std::string& name : before) {
    if (after.contains(name)) continue;
    findings.add(policy.removed, fmt::format("{}.removed.{}.{}", words.kind, library, name), says(words.has, name),
                 says(words.lacks, name));
  }
  for (const std::string& name : after) {
    if (before.contains(name)) continue;
    findings.add(policy.added, fmt::format("{}.added.{}.{}", words.kind, library, name), says(words.lacks, name),
                 says(words.has, name));
  }
}

std::set<std::string> export_specs(const ElfFacts& elf) {
  std::set<std::string> specs;
  for (const ElfSymbol& symbol : elf.exports) specs.insert(symbol_spec(symbol));
  return specs;
}

void compare_library(const contracts::SymbolBaseline& policy, const LibraryPair& pair, Findings& findings) {
  using State = LibraryView::State;
  const std::string& name = pair.name;
  const std::string unavailable = "library.unavailable." + name;
  const DiffAction any = strictest({policy.removed, policy.added});
  if (pair.before.state == State::unknown) return findings.unavailable(any, unavailable, name, pair.before.why);
  if (pair.after.state == State::unknown) {
    const std::string expected = pair.before.state == State::present ? describe(pair.before) : pair.before.why;
    return findings.unavailable(any, unavailable, expected, pair.after.why);
  }
  if (pair.before.state == State::absent) {
    if (pair.after.state != State::present) return;
    return findings.add(policy.added, "library.added." + name, pair.before.why, describe(pair.after));
  }
  if (pair.after.state == State::absent) {
    return findings.add(policy.removed, "library.removed." + name, describe(pair.before), pair.after.why);
  }
  const ElfFacts& before = *pair.before.elf;
  const ElfFacts& after = *pair.after.elf;
  if (before.soname != after.soname) {
    findings.add(policy.removed, "soname.changed." + name, fmt::format("{} has soname {}", name, soname_text(before)),
                 fmt::format("{} has soname {}", name, soname_text(after)));
  }
  compare_names(export_specs(before), export_specs(after), k_symbols, name, policy, findings);
  const std::set<std::string> old_versions(before.version_definitions.begin(), before.version_definitions.end());
  const std::set<std::string> new_versions(after.version_definitions.begin(), after.version_definitions.end());
  compare_names(old_versions, new_versions, k_versions, name, policy, findings);
}

void compare_symbols(const contracts::SymbolBaseline& policy, const Facts& baseline, const Facts& candidate,
                     Findings& findings) {
  if (strictest({policy.removed, policy.added}) == DiffAction::ignore) return;
  for (const LibraryPair& pair : library_pairs(policy, baseline, candidate)) compare_library(policy, pair, findings);
}

std::string describe_sysctl(const std::string& key, const std::optional<std::string>& value) {
  return value ? fmt::format("{} = {}", key, *value) : fmt::format("{} does not exist", key);
}

void compare_sysctl(const std::string& key, DiffAction changed, const Facts& baseline, const Facts& candidate,
                    Findings& findings) {
  const std::string unavailable = "sysctl.unavailable." + key;
  const auto before = baseline.sysctls.find(key);
  if (before == baseline.sysctls.end()) {
    return findings.unavailable(changed, unavailable, key, "the baseline snapshot holds no " + key);
  }
  if (!before->second) {
    const std::string why = fmt::format("the baseline snapshot could not record {}: {}", key, before->second.error());
    return findings.unavailable(changed, unavailable, key, why);
  }
  const std::string expected = describe_sysctl(key, *before->second);
  const auto after = candidate.sysctls.find(key);
  if (after == candidate.sysctls.end() || !after->second) {
    const std::string why = after == candidate.sysctls.end() ? key + " was not gathered" : after->second.error().why;
    return findings.unavailable(changed, unavailable, expected, why);
  }
  if (*before->second != *after->second) {
    findings.add(changed, "sysctl.changed." + key, expected, describe_sysctl(key, *after->second));
  }
}

void compare_sysctls(const contracts::SysctlBaseline& policy, const Facts& baseline, const Facts& candidate,
                     Findings& findings) {
  if (policy.changed == DiffAction::ignore) return;
  std::vector<std::string> keys;
  if (policy.keys) {
    keys = *policy.keys;
  } else {
    for (const auto& [key, value] : baseline.sysctls) keys.push_back(key);
  }
  for (const std::string& key : keys) compare_sysctl(key, policy.changed, baseline, candidate, findings);
}

using Endpoint = std::tuple<contracts::Protocol, std::string, std::uint16_t>;

std::set<Endpoint> listening(const std::vector<Socket>& sockets) {
  std::set<Endpoint> endpoints;
  for (const Socket& socket : sockets) {
    if (socket.listening) endpoints.emplace(socket.protocol, socket.address, socket.port);
  }
  return endpoints;
}

// "tcp-22" for the IPv4 wildcard, as port clause ids are written; "tcp-::-22" for any other address.
std::string port_id(const Endpoint& endpoint) {
  const auto& [protocol, address, port] = endpoint;
  if (address == "0.0.0.0") return fmt::format("{}-{}", to_string(protocol), port);
  return fmt::format("{}-{}-{}", to_string(protocol), address, port);
}

std::string describe(const Endpoint& endpoint) {
  const auto& [protocol, address, port] = endpoint;
  const bool ipv6 = address.find(':') != std::string::npos;
  return fmt::format("{} {}{}{}:{} listening", to_string(protocol), ipv6 ? "[" : "", address, ipv6 ? "]" : "", port);
}

void compare_ports(const contracts::PortBaseline& policy, const Facts& baseline, const Facts& candidate,
                   Findings& findings) {
  const DiffAction any = strictest({policy.closed, policy.opened});
  if (any == DiffAction::ignore) return;
  const auto before = baseline_fact(baseline.sockets, "listening sockets");
  if (!before) return findings.unavailable(any, "ports.unavailable", "listening sockets", before.error());
  const auto after = candidate_fact(candidate.sockets, "listening sockets");
  if (!after) return findings.unavailable(any, "ports.unavailable", "listening sockets", after.error());
  const std::set<Endpoint> old_endpoints = listening(**before);
  const std::set<Endpoint> new_endpoints = listening(**after);
  for (const Endpoint& endpoint : old_endpoints) {
    if (new_endpoints.contains(endpoint)) continue;
    findings.add(policy.closed, "port.closed." + port_id(endpoint), describe(endpoint), "not listening");
  }
  for (const Endpoint& endpoint : new_endpoints) {
    if (old_endpoints.contains(endpoint)) continue;
    findings.add(policy.opened, "port.opened." + port_id(endpoint), "not listening", describe(endpoint));
  }
}

}  // namespace

void plan(const contracts::BaselineSpec& policy, const Snapshot& baseline, FactRequest& request) {
  const contracts::PackageBaseline& packages = policy.packages;
  if (strictest({packages.removed, packages.downgraded, packages.added, packages.upgraded}) != DiffAction::ignore) {
    request.packages = true;
  }
  if (strictest({policy.symbols.removed, policy.symbols.added}) != DiffAction::ignore) {
    const auto& names = policy.symbols.libraries;
    const auto& libraries = baseline.facts.libraries;
    for (const auto& [name, library] : libraries) {
      if (!names || std::ranges::find(*names, name) != names->end()) request.libraries.insert(name);
    }
    for (const auto& [directory, binaries] : baseline.facts.binary_dirs) {
      const auto in_directory = [&](const std::string& name) {
        return !libraries.contains(name) && binaries && libraries_by_key(*binaries).contains(name);
      };
      if (!names || std::ranges::any_of(*names, in_directory)) request.binary_dirs.insert(directory);
    }
  }
  if (policy.sysctl.changed != DiffAction::ignore) {
    if (policy.sysctl.keys) {
      request.sysctls.insert(policy.sysctl.keys->begin(), policy.sysctl.keys->end());
    } else {
      for (const auto& [key, value] : baseline.facts.sysctls) request.sysctls.insert(key);
    }
  }
  if (strictest({policy.ports.closed, policy.ports.opened}) != DiffAction::ignore) request.sockets = true;
}

std::vector<BaselineFinding> compare_to_baseline(const contracts::BaselineSpec& policy, const Snapshot& baseline,
                                                 const Facts& candidate) {
  const Facts& facts = baseline.facts;
  std::vector<BaselineFinding> out;
  compare_section("baseline.packages", out, [&](Findings& f) { compare_packages(policy, facts, candidate, f); });
  compare_section("baseline.symbols", out, [&](Findings& f) { compare_symbols(policy.symbols, facts, candidate, f); });
  compare_section("baseline.sysctl", out, [&](Findings& f) { compare_sysctls(policy.sysctl, facts, candidate, f); });
  compare_section("baseline.ports", out, [&](Findings& f) { compare_ports(policy.ports, facts, candidate, f); });
  return out;
}

contracts::BaselineSpec report_everything() {
  constexpr DiffAction report = DiffAction::report;
  contracts::BaselineSpec policy;
  policy.packages = {report, report, report, report};
  policy.symbols = {std::nullopt, report, report};
  policy.sysctl = {std::nullopt, report};
  policy.ports = {report, report};
  return policy;
}

std::vector<BaselineFinding> diff_snapshots(const contracts::BaselineSpec& policy, const Snapshot& a,
                                            const Snapshot& b) {
  return compare_to_baseline(policy, a, b.facts);
}

}  // namespace hallmark::probes
