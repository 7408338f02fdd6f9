#pragma once

// Dynamic-linking facts about an ELF shared object or executable, read from bytes.
//
// hallmark fetches a library from the target image through a transport and parses it on the
// runner, so the image needs no binutils. Parsing uses libelf, but libelf headers stay in the .cpp.

#include <compare>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hallmark::probes {

struct ElfSymbol {
  std::string name;
  std::string version;          // "" when unversioned
  bool default_version = true;  // true for name@@VERS (and for unversioned symbols), false for hidden/compat name@VERS
  bool weak = false;            // STB_WEAK
  bool function = false;        // STT_FUNC / STT_GNU_IFUNC
  auto operator<=>(const ElfSymbol&) const = default;
};

// One .gnu.version_r entry: DT_NEEDED file and the versions needed from it.
struct ElfVersionNeed {
  std::string file;
  std::vector<std::string> versions;
  auto operator<=>(const ElfVersionNeed&) const = default;
};

struct ElfFacts {
  std::string soname;                            // DT_SONAME, "" when absent
  std::vector<std::string> needed;               // DT_NEEDED in order
  std::vector<ElfSymbol> exports;                // defined, GLOBAL/WEAK, STV_DEFAULT/STV_PROTECTED, in .dynsym; sorted
  std::vector<std::string> version_definitions;  // .gnu.version_d names, excluding the VER_FLG_BASE entry (the soname)
  std::vector<ElfVersionNeed> version_needs;     // .gnu.version_r
};


// Helpers used by probes (pure):

// "memcpy@GLIBC_2.14" / "foo@@VERS_2" / "printf" -> does `facts` export it? name@V matches a default
// or compat version V; name@@V only the default version; a bare name matches any defined export of
// that name.
bool exports_symbol(const ElfFacts& facts, std::string_view spec);

// The newest version with the given prefix (e.g. "GLIBC_") required across version_needs, ordered by
// numeric components (GLIBC_2.9 < GLIBC_2.14 < GLIBC_2.34); nullopt when none. Versions whose
// remainder after the prefix is not numeric (GLIBC_PRIVATE) are ignored.
std::optional<std::string> newest_required_version(const ElfFacts& facts, std::string_view prefix);

// Orders "GLIBC_2.9" vs "GLIBC_2.14" by numeric dot components after the common prefix.
// Returns <0, 0 or >0. Runs of digits compare numerically, everything else byte-wise, so
// "GLIBC_2.2.5" < "GLIBC_2.3" and "GLIBC_2.2" < "GLIBC_2.2.5".
int compare_symbol_versions(std::string_view a, std::string_view b);

}  // namespace hallmark::probes
