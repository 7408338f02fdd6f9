#include "probes/parsers/elf_reader.hpp"

#include <gelf.h>
#include <libelf.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <utility>

namespace hallmark::probes::parsers {
namespace {

// Not every <elf.h> spells these.
constexpr unsigned kVersymHidden = 0x8000;
constexpr unsigned kVersymIndexMask = 0x7fff;
#ifdef STB_GNU_UNIQUE
constexpr int kBindGnuUnique = STB_GNU_UNIQUE;
#else
constexpr int kBindGnuUnique = 10;
#endif
#ifdef STT_GNU_IFUNC
constexpr int kTypeGnuIfunc = STT_GNU_IFUNC;
#else
constexpr int kTypeGnuIfunc = 10;
#endif

// Sizes of the on-disk version records; identical for ELFCLASS32 and ELFCLASS64.
constexpr std::size_t kVerdefSize = 20;
constexpr std::size_t kVerdauxSize = 8;
constexpr std::size_t kVerneedSize = 16;
constexpr std::size_t kVernauxSize = 16;

using Error = std::unexpected<std::string>;

std::string libelf_error() {
  const int code = elf_errno();
  const char* message = code != 0 ? elf_errmsg(code) : nullptr;
  return message != nullptr ? message : "unknown libelf error";
}

bool init_libelf() {
  static const bool ok = elf_version(EV_CURRENT) != EV_NONE;
  return ok;
}

struct ElfCloser {
  void operator()(Elf* elf) const { elf_end(elf); }
};
using ElfHandle = std::unique_ptr<Elf, ElfCloser>;

std::string section_label(Elf* elf, std::size_t shstrndx, const GElf_Shdr& shdr, std::size_t index) {
  // Best effort: libelf's elf_strptr bounds-checks the name itself.
  if (const char* name = elf_strptr(elf, shstrndx, shdr.sh_name); name != nullptr && *name != '\0') {
    return name;
  }
  return "section [" + std::to_string(index) + "]";
}

// A section's header and its (bounds-checked by libelf) data.
struct Section {
  Elf_Scn* scn = nullptr;
  GElf_Shdr shdr{};
  Elf_Data* data = nullptr;
  std::string label;

  [[nodiscard]] std::size_t size() const { return data->d_size; }
};

std::expected<Section, std::string> load_section(Elf* elf, std::size_t shstrndx, std::size_t index) {
  Section section;
  section.scn = elf_getscn(elf, index);
  if (section.scn == nullptr) {
    return Error("malformed ELF file: section index " + std::to_string(index) + " does not exist: " +
                 libelf_error());
  }
  if (gelf_getshdr(section.scn, &section.shdr) == nullptr) {
    return Error("malformed ELF file: cannot read header of section [" + std::to_string(index) +
                 "]: " + libelf_error());
  }
  section.label = section_label(elf, shstrndx, section.shdr, index);
  if (section.shdr.sh_type == SHT_NOBITS) {
    return Error("malformed ELF file: " + section.label + " has no file contents (SHT_NOBITS)");
  }
  section.data = elf_getdata(section.scn, nullptr);
  if (section.data == nullptr) {
    return Error("malformed or truncated ELF file: cannot read " + section.label + ": " +
                 libelf_error());
  }
  if (section.data->d_buf == nullptr && section.data->d_size != 0) {
    return Error("malformed ELF file: " + section.label + " has no data");
  }
  if (section.data->d_size > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return Error("unsupported ELF file: " + section.label + " is larger than 2 GiB");
  }
  return section;
}

// A string table section; every lookup is bounds-checked and must find a terminating NUL.
class StringTable {
 public:
  static std::expected<StringTable, std::string> open(Elf* elf, std::size_t shstrndx,
                                                      std::size_t index, std::string_view user) {
    if (index == SHN_UNDEF) {
      return Error("malformed ELF file: " + std::string(user) + " has no linked string table");
    }
    auto section = load_section(elf, shstrndx, index);
    if (!section) return Error(section.error());
    if (section->shdr.sh_type != SHT_STRTAB) {
      return Error("malformed ELF file: string table " + section->label + " linked from " +
                   std::string(user) + " is not SHT_STRTAB");
    }
    StringTable table;
    table.data_ = static_cast<const char*>(section->data->d_buf);
    table.size_ = section->data->d_size;
    table.label_ = section->label;
    return table;
  }

  [[nodiscard]] std::expected<std::string_view, std::string> at(std::uint64_t offset,
                                                              std::string_view what) const {
    if (offset >= size_) {
      return Error("malformed ELF file: " + std::string(what) + " string offset " +
                   std::to_string(offset) + " is outside " + label_ + " (size " +
                   std::to_string(size_) + ")");
    }
    const char* begin = data_ + offset;
    const void* nul = std::memchr(begin, '\0', size_ - static_cast<std::size_t>(offset));
    if (nul == nullptr) {
      return Error("malformed ELF file: " + std::string(what) + " string at offset " +
                   std::to_string(offset) + " is not terminated inside " + label_);
    }
    return std::string_view(begin, static_cast<const char*>(nul) - begin);
  }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  std::string label_;
};

// True when [offset, offset + size) lies inside a buffer of `total` bytes, without overflow.
bool fits(std::uint64_t offset, std::uint64_t size, std::uint64_t total) {
  return offset <= total && size <= total - offset;
}

struct VersionIndex {
  std::string_view name;
  bool base = false;  // VER_FLG_BASE: the file's own name, i.e. "unversioned"
};

struct VersionTables {
  std::vector<std::string> definitions;
  std::vector<ElfVersionNeed> needs;
  std::map<unsigned, VersionIndex> by_index;  // versym index -> version
};

std::expected<void, std::string> read_verdef(Elf* elf, std::size_t shstrndx, const Section& section,
                                             VersionTables& tables) {
  auto strings = StringTable::open(elf, shstrndx, section.shdr.sh_link, section.label);
  if (!strings) return Error(strings.error());

  const std::size_t total = section.size();
  std::size_t offset = 0;
  for (std::size_t entry = 0; total != 0; ++entry) {
    if (!fits(offset, kVerdefSize, total)) {
      return Error("malformed ELF file: version definition " + std::to_string(entry) +
                   " at offset " + std::to_string(offset) + " lies outside " + section.label);
    }
    GElf_Verdef def;
    if (gelf_getverdef(section.data, static_cast<int>(offset), &def) == nullptr) {
      return Error("malformed ELF file: cannot read version definition " + std::to_string(entry) +
                   " in " + section.label + ": " + libelf_error());
    }
    if (def.vd_cnt == 0) {
      return Error("malformed ELF file: version definition " + std::to_string(entry) + " in " +
                   section.label + " has no name (vd_cnt is 0)");
    }
    const std::uint64_t aux_offset = std::uint64_t{offset} + def.vd_aux;
    if (!fits(aux_offset, kVerdauxSize, total)) {
      return Error("malformed ELF file: version definition " + std::to_string(entry) +
                   " has vd_aux pointing outside " + section.label);
    }
    GElf_Verdaux aux;
    if (gelf_getverdaux(section.data, static_cast<int>(aux_offset), &aux) == nullptr) {
      return Error("malformed ELF file: cannot read version definition name in " + section.label +
                   ": " + libelf_error());
    }
    auto name = strings->at(aux.vda_name, "version definition");
    if (!name) return Error(name.error());

    const bool base = (def.vd_flags & VER_FLG_BASE) != 0;
    if (!base) tables.definitions.emplace_back(*name);
    tables.by_index.try_emplace(def.vd_ndx & kVersymIndexMask, VersionIndex{*name, base});

    if (def.vd_next == 0) break;
    if (def.vd_next < kVerdefSize || !fits(std::uint64_t{offset} + def.vd_next, kVerdefSize, total)) {
      return Error("malformed ELF file: version definition " + std::to_string(entry) +
                   " has vd_next " + std::to_string(def.vd_next) + " pointing outside " +
                   section.label);
    }
    offset += def.vd_next;
  }
  return {};
}

std::expected<void, std::string> read_verneed(Elf* elf, std::size_t shstrndx,
                                              const Section& section, VersionTables& tables) {
  auto strings = StringTable::open(elf, shstrndx, section.shdr.sh_link, section.label);
  if (!strings) return Error(strings.error());

  const std::size_t total = section.size();
  std::size_t offset = 0;
  for (std::size_t entry = 0; total != 0; ++entry) {
    if (!fits(offset, kVerneedSize, total)) {
      return Error("malformed ELF file: version need " + std::to_string(entry) + " at offset " +
                   std::to_string(offset) + " lies outside " + section.label);
    }
    GElf_Verneed need;
    if (gelf_getverneed(section.data, static_cast<int>(offset), &need) == nullptr) {
      return Error("malformed ELF file: cannot read version need " + std::to_string(entry) +
                   " in " + section.label + ": " + libelf_error());
    }
    auto file = strings->at(need.vn_file, "version need file");
    if (!file) return Error(file.error());

    ElfVersionNeed result;
    result.file = std::string(*file);
    std::uint64_t aux_offset = std::uint64_t{offset} + need.vn_aux;
    for (unsigned i = 0; i < need.vn_cnt; ++i) {
      if (!fits(aux_offset, kVernauxSize, total)) {
        return Error("malformed ELF file: version need entry for " + result.file +
                     " lies outside " + section.label);
      }
      GElf_Vernaux aux;
      if (gelf_getvernaux(section.data, static_cast<int>(aux_offset), &aux) == nullptr) {
        return Error("malformed ELF file: cannot read version need entry for " + result.file +
                     " in " + section.label + ": " + libelf_error());
      }
      auto name = strings->at(aux.vna_name, "version need");
      if (!name) return Error(name.error());
      result.versions.emplace_back(*name);
      tables.by_index.try_emplace(aux.vna_other & kVersymIndexMask, VersionIndex{*name, false});

      if (i + 1 == need.vn_cnt) break;
      if (aux.vna_next < kVernauxSize) {
        return Error("malformed ELF file: version need list for " + result.file + " in " +
                     section.label + " ends after " + std::to_string(i + 1) + " of " +
                     std::to_string(need.vn_cnt) + " entries");
      }
      aux_offset += aux.vna_next;
    }
    tables.needs.push_back(std::move(result));

    if (need.vn_next == 0) break;
    if (need.vn_next < kVerneedSize ||
        !fits(std::uint64_t{offset} + need.vn_next, kVerneedSize, total)) {
      return Error("malformed ELF file: version need " + std::to_string(entry) + " has vn_next " +
                   std::to_string(need.vn_next) + " pointing outside " + section.label);
    }
    offset += need.vn_next;
  }
  return {};
}

std::expected<void, std::string> read_dynamic(Elf* elf, std::size_t shstrndx,
                                              const Section& section, ElfFacts& facts) {
  auto strings = StringTable::open(elf, shstrndx, section.shdr.sh_link, section.label);
  if (!strings) return Error(strings.error());

  const std::size_t entry_size = gelf_fsize(elf, ELF_T_DYN, 1, EV_CURRENT);
  if (entry_size == 0) {
    return Error("malformed ELF file: unknown dynamic entry size: " + libelf_error());
  }
  const std::size_t count = section.size() / entry_size;
  for (std::size_t i = 0; i < count; ++i) {
    GElf_Dyn dyn;
    if (gelf_getdyn(section.data, static_cast<int>(i), &dyn) == nullptr) {
      return Error("malformed ELF file: cannot read dynamic entry " + std::to_string(i) + ": " +
                   libelf_error());
    }
    if (dyn.d_tag == DT_NULL) break;
    if (dyn.d_tag == DT_SONAME) {
      auto name = strings->at(dyn.d_un.d_val, "DT_SONAME");
      if (!name) return Error(name.error());
      facts.soname = std::string(*name);
    } else if (dyn.d_tag == DT_NEEDED) {
      auto name = strings->at(dyn.d_un.d_val, "DT_NEEDED");
      if (!name) return Error(name.error());
      facts.needed.emplace_back(*name);
    }
  }
  return {};
}

std::expected<void, std::string> read_dynsym(Elf* elf, std::size_t shstrndx,
                                             const Section& dynsym, const Section* versym,
                                             const VersionTables& tables, ElfFacts& facts) {
  auto strings = StringTable::open(elf, shstrndx, dynsym.shdr.sh_link, dynsym.label);
  if (!strings) return Error(strings.error());

  const std::size_t entry_size = gelf_fsize(elf, ELF_T_SYM, 1, EV_CURRENT);
  if (entry_size == 0) {
    return Error("malformed ELF file: unknown symbol entry size: " + libelf_error());
  }
  const std::size_t count = dynsym.size() / entry_size;
  if (versym != nullptr && versym->size() / 2 < count) {
    return Error("malformed ELF file: " + versym->label + " holds versions for " +
                 std::to_string(versym->size() / 2) + " symbols but " + dynsym.label + " has " +
                 std::to_string(count));
  }

  for (std::size_t i = 1; i < count; ++i) {
    GElf_Sym sym;
    if (gelf_getsym(dynsym.data, static_cast<int>(i), &sym) == nullptr) {
      return Error("malformed ELF file: cannot read dynamic symbol " + std::to_string(i) + ": " +
                   libelf_error());
    }
    if (sym.st_shndx == SHN_UNDEF) continue;
    const int bind = GELF_ST_BIND(sym.st_info);
    if (bind != STB_GLOBAL && bind != STB_WEAK && bind != kBindGnuUnique) continue;
    const int visibility = GELF_ST_VISIBILITY(sym.st_other);
    if (visibility != STV_DEFAULT && visibility != STV_PROTECTED) continue;

    auto name = strings->at(sym.st_name, "dynamic symbol name");
    if (!name) return Error(name.error());
    if (name->empty()) continue;

    ElfSymbol symbol;
    symbol.name = std::string(*name);
    symbol.weak = bind == STB_WEAK;
    const int type = GELF_ST_TYPE(sym.st_info);
    symbol.function = type == STT_FUNC || type == kTypeGnuIfunc;
    symbol.default_version = true;

    if (versym != nullptr) {
      GElf_Versym raw;
      if (gelf_getversym(versym->data, static_cast<int>(i), &raw) == nullptr) {
        return Error("malformed ELF file: cannot read version of dynamic symbol " + symbol.name +
                     ": " + libelf_error());
      }
      const unsigned index = raw & kVersymIndexMask;
      if (index != VER_NDX_LOCAL && index != VER_NDX_GLOBAL) {
        const auto found = tables.by_index.find(index);
        if (found == tables.by_index.end()) {
          return Error("malformed ELF file: dynamic symbol " + symbol.name + " has version index " +
                       std::to_string(index) + " with no version definition");
        }
        if (!found->second.base) {
          symbol.version = std::string(found->second.name);
          symbol.default_version = (raw & kVersymHidden) == 0;
        }
      }
    }

    // The linker emits an absolute marker symbol per version definition (VERS_1@@VERS_1).
    if (sym.st_shndx == SHN_ABS && !symbol.version.empty() && symbol.version == symbol.name) {
      continue;
    }
    facts.exports.push_back(std::move(symbol));
  }
  std::ranges::sort(facts.exports);
  return {};
}

// Whether the loader links this file dynamically: a PT_DYNAMIC program header.
std::expected<bool, std::string> dynamically_linked(Elf* elf) {
  std::size_t count = 0;
  if (elf_getphdrnum(elf, &count) != 0) {
    return Error("malformed or truncated ELF file: cannot read program headers: " + libelf_error());
  }
  for (std::size_t index = 0; index < count; ++index) {
    GElf_Phdr phdr;
    if (gelf_getphdr(elf, static_cast<int>(index), &phdr) == nullptr) {
      return Error("malformed or truncated ELF file: cannot read program header [" + std::to_string(index) + "]: " +
                   libelf_error());
    }
    if (phdr.p_type == PT_DYNAMIC) return true;
  }
  return false;
}

std::expected<ElfFacts, std::string> parse(Elf* elf, std::size_t elf_size) {
  switch (elf_kind(elf)) {
    case ELF_K_ELF:
      break;
    case ELF_K_AR:
      return Error("not an ELF file: it is an ar archive");
    default:
      return Error("not an ELF file (no ELF magic)");
  }

  GElf_Ehdr ehdr;
  if (gelf_getehdr(elf, &ehdr) == nullptr) {
    return Error("malformed or truncated ELF file: cannot read the ELF header: " + libelf_error());
  }
  if (ehdr.e_type != ET_DYN && ehdr.e_type != ET_EXEC) {
    return Error("ELF file is not a shared object or executable (e_type " +
                 std::to_string(ehdr.e_type) + ")");
  }

  std::size_t section_count = 0;
  if (elf_getshdrnum(elf, &section_count) != 0) {
    return Error("malformed or truncated ELF file: cannot read section headers: " + libelf_error());
  }
  if (section_count == 0) {
    if (ehdr.e_shoff != 0 || ehdr.e_shnum != 0) {
      // libelf reports no sections when the table does not fit in the image.
      return Error("truncated or malformed ELF file: the section header table (offset " +
                   std::to_string(ehdr.e_shoff) + ", " + std::to_string(ehdr.e_shnum) +
                   " entries) lies outside the " + std::to_string(elf_size) + "-byte file");
    }
    return Error("ELF file has no section headers, so no dynamic symbol table");
  }
  std::size_t shstrndx = 0;
  if (elf_getshdrstrndx(elf, &shstrndx) != 0) {
    return Error("malformed or truncated ELF file: cannot find section name table: " +
                 libelf_error());
  }

  std::optional<Section> dynsym;
  std::optional<Section> dynamic;
  std::optional<Section> versym;
  std::optional<Section> verdef;
  std::optional<Section> verneed;
  for (std::size_t index = 1; index < section_count; ++index) {
    Elf_Scn* scn = elf_getscn(elf, index);
    GElf_Shdr shdr;
    if (scn == nullptr || gelf_getshdr(scn, &shdr) == nullptr) {
      return Error("malformed or truncated ELF file: cannot read header of section [" +
                   std::to_string(index) + "]: " + libelf_error());
    }
    std::optional<Section>* slot = nullptr;
    switch (shdr.sh_type) {
      case SHT_DYNSYM: slot = &dynsym; break;
      case SHT_DYNAMIC: slot = &dynamic; break;
      case SHT_GNU_versym: slot = &versym; break;
      case SHT_GNU_verdef: slot = &verdef; break;
      case SHT_GNU_verneed: slot = &verneed; break;
      default: continue;
    }
    if (slot->has_value()) continue;  // the first of each kind is the one the loader uses
    auto section = load_section(elf, shstrndx, index);
    if (!section) return Error(section.error());
    *slot = std::move(*section);
  }

  // A statically linked file (busybox-static, a Go binary) exports nothing and needs no library
  // or symbol version: empty facts, which a version ceiling accepts and an `exports` promise
  // rejects. It is told by its program headers, which the loader reads, not by missing
  // sections: a file the loader would link dynamically but whose .dynsym cannot be found is
  // malformed, never "needs nothing".
  if (!dynsym) {
    const auto linked = dynamically_linked(elf);
    if (!linked) return Error(linked.error());
    if (!*linked) return ElfFacts{};
    return Error("ELF file is dynamically linked (PT_DYNAMIC) but has no dynamic symbol table (.dynsym)");
  }

  ElfFacts facts;
  if (dynamic) {
    if (auto ok = read_dynamic(elf, shstrndx, *dynamic, facts); !ok) return Error(ok.error());
  }
  VersionTables tables;
  if (verdef) {
    if (auto ok = read_verdef(elf, shstrndx, *verdef, tables); !ok) return Error(ok.error());
  }
  if (verneed) {
    if (auto ok = read_verneed(elf, shstrndx, *verneed, tables); !ok) return Error(ok.error());
  }
  if (auto ok = read_dynsym(elf, shstrndx, *dynsym, versym ? &*versym : nullptr, tables, facts);
      !ok) {
    return Error(ok.error());
  }
  facts.version_definitions = std::move(tables.definitions);
  facts.version_needs = std::move(tables.needs);
  return facts;
}

}  // namespace

std::expected<ElfFacts, std::string> read_elf_facts(std::string_view bytes) {
  if (bytes.empty()) return Error("not an ELF file: input is empty");
  if (!init_libelf()) return Error("cannot initialise libelf for ELF parsing: " + libelf_error());

  // libelf may write into the image (e.g. byte-order conversion), so give it a private copy
  // that outlives the Elf handle. operator new aligns it for every ELF record type.
  std::vector<char> image(bytes.begin(), bytes.end());
  ElfHandle elf(elf_memory(image.data(), image.size()));
  if (!elf) {
    return Error("malformed or truncated ELF file: " + libelf_error());
  }
  return parse(elf.get(), image.size());
}

}  // namespace hallmark::probes::parsers
