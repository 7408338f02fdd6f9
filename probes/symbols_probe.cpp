#include "probes/symbols_probe.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace hallmark::probes {

namespace {

// The version family of "GLIBC_2.36": "GLIBC_".
std::string_view version_prefix(std::string_view version) { return version.substr(0, version.rfind('_') + 1); }

Outcome evaluate_library(const contracts::SymbolsSpec& spec, const Facts& facts) {
  std::vector<std::string> parts;
  if (spec.soname) parts.push_back(fmt::format("soname {}", *spec.soname));
  if (!spec.exports.empty()) parts.push_back(fmt::format("exports {}", fmt::join(spec.exports, " ")));
  if (!spec.versions.empty()) parts.push_back(fmt::format("defines {}", fmt::join(spec.versions, " ")));
  const std::string expected = fmt::format("{}: {}", *spec.library, fmt::join(parts, "; "));
  const auto found = facts.libraries.find(*spec.library);
  if (found == facts.libraries.end()) return Outcome::error(expected, "library facts were not gathered");
  if (!found->second) return Outcome::error(expected, found->second.error());
  const LibraryFacts& library = *found->second;
  if (library.path.empty()) return Outcome::fail(expected, fmt::format("{} not found on the target", *spec.library));
  if (!library.elf) return Outcome::fail(expected, fmt::format("{}: {}", library.path, library.elf.error()));
  const ElfFacts& elf = *library.elf;

  std::vector<std::string> problems;
  if (spec.soname && elf.soname != *spec.soname) {
    problems.push_back(fmt::format("soname is {}", elf.soname.empty() ? "(none)" : elf.soname));
  }
  std::vector<std::string> missing;
  for (const std::string& symbol : spec.exports) {
    if (!exports_symbol(elf, symbol)) missing.push_back(symbol);
  }
  if (!missing.empty()) problems.push_back(fmt::format("does not export {}", fmt::join(missing, " ")));
  std::vector<std::string> undefined;
  for (const std::string& version : spec.versions) {
    const auto& defined = elf.version_definitions;
    if (std::find(defined.begin(), defined.end(), version) == defined.end()) undefined.push_back(version);
  }
  if (!undefined.empty()) problems.push_back(fmt::format("does not define {}", fmt::join(undefined, " ")));
  const std::string summary = fmt::format("{} (soname {}, {} exports, {} version definitions)", library.path,
                                          elf.soname, elf.exports.size(), elf.version_definitions.size());
  if (problems.empty()) return Outcome::pass(expected, summary);
  return Outcome::fail(expected, fmt::format("{}: {}", library.path, fmt::join(problems, "; ")));
}

Outcome evaluate_binaries(const contracts::SymbolsSpec& spec, const Facts& facts) {
  const std::string& limit = *spec.requires_at_most;
  const std::string expected = fmt::format("ELF files in {} need at most {}", fmt::join(spec.binaries, ", "), limit);
  const std::string_view prefix = version_prefix(limit);
  std::vector<std::string> offenders;
  std::string newest;
  std::size_t checked = 0;
  for (const std::string& directory : spec.binaries) {
    const auto found = facts.binary_dirs.find(directory);
    if (found == facts.binary_dirs.end()) return Outcome::error(expected, "binary facts were not gathered");
    if (!found->second) return Outcome::error(expected, found->second.error());
    for (const BinaryFacts& binary : *found->second) {
      ++checked;
      if (!binary.elf) {
        offenders.push_back(fmt::format("{} is unreadable: {}", binary.path, binary.elf.error()));
        continue;
      }
      const auto needed = newest_required_version(*binary.elf, prefix);
      if (!needed) continue;
      if (newest.empty() || compare_symbol_versions(*needed, newest) > 0) newest = *needed;
      if (compare_symbol_versions(*needed, limit) > 0) offenders.push_back(fmt::format("{} needs {}", binary.path, *needed));
    }
  }
  const std::string summary = fmt::format("{} ELF files checked, newest needed {}", checked, newest.empty() ? "(none)" : newest);
  if (offenders.empty()) return Outcome::pass(expected, summary);
  std::sort(offenders.begin(), offenders.end());
  return Outcome::fail(expected, fmt::format("{}: {}", summary, fmt::join(offenders, "; ")), fmt::format("{}", fmt::join(offenders, "\n")));
}

}  // namespace

void plan(const contracts::SymbolsSpec& spec, FactRequest& request) {
  if (spec.library) request.libraries.insert(*spec.library);
  for (const std::string& directory : spec.binaries) request.binary_dirs.insert(directory);
}

Outcome evaluate(const contracts::SymbolsSpec& spec, const Facts& facts) {
  return spec.library ? evaluate_library(spec, facts) : evaluate_binaries(spec, facts);
}

}  // namespace hallmark::probes
