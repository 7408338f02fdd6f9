#include "probes/parsers/elf_reader.hpp"

#include <elf.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "util/text_file.hpp"

namespace hallmark::probes {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSystemLibc = "/lib/x86_64-linux-gnu/libc.so.6";

// ---------------------------------------------------------------------------------------------
// Building test inputs

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "hallmark-elf-facts-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    if (!path_.empty()) {
      std::error_code ignored;
      fs::remove_all(path_, ignored);
    }
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write_file(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string read_file(const fs::path& path) { return util::read_text_file(path.string()).value_or(""); }

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

bool run(const std::string& command) {
  return std::system((command + " >/dev/null 2>&1").c_str()) == 0;
}

constexpr std::string_view kDemoSource = R"(
static int helper(int x) { return x * 2; }
__attribute__((visibility("hidden"))) int hidden_fn(int x) { return helper(x) + 1; }
__attribute__((visibility("protected"))) int protected_fn(int x) { return x + 3; }
__attribute__((weak)) int weak_fn(int x) { return x + 4; }
int counter = 7;
int foo_v1(int x) { return hidden_fn(x); }
int foo_v2(int x) { return hidden_fn(x) + 2; }
__asm__(".symver foo_v1, foo@VERS_1");
__asm__(".symver foo_v2, foo@@VERS_2");
int bar(void) { return 42 + counter; }
)";

constexpr std::string_view kDemoVersionScript = R"(
VERS_1 { global: foo; bar; protected_fn; weak_fn; counter; local: *; };
VERS_2 { global: foo; } VERS_1;
)";

constexpr std::string_view kProgramSource = R"(
#include <stdio.h>
int main(void) { printf("hello\n"); return 0; }
)";

// Everything the tests compile, built once per test binary run.
struct Artifacts {
  TempDir dir;
  std::optional<std::string> demo;    // libdemo.so.1, 64-bit
  std::optional<std::string> demo32;  // the same, ELFCLASS32 (needs only `gcc -m32 -nostdlib`)
  std::optional<std::string> program; // an executable linked against libc

  Artifacts() {
    if (dir.path().empty()) return;
    const fs::path source = dir.path() / "demo.c";
    const fs::path script = dir.path() / "demo.map";
    write_file(source, kDemoSource);
    write_file(script, kDemoVersionScript);
    const std::string common = " -shared -fPIC -O0 " + quoted(source) +
                               " -Wl,-soname,libdemo.so.1 -Wl,--version-script=" + quoted(script);

    const fs::path lib = dir.path() / "libdemo.so.1";
    if (run("gcc" + common + " -o " + quoted(lib))) demo = read_file(lib);

    const fs::path lib32 = dir.path() / "libdemo32.so.1";
    if (run("gcc -m32 -nostdlib" + common + " -o " + quoted(lib32))) demo32 = read_file(lib32);

    const fs::path program_source = dir.path() / "program.c";
    const fs::path exe = dir.path() / "program";
    write_file(program_source, kProgramSource);
    if (run("gcc -O0 " + quoted(program_source) + " -o " + quoted(exe))) program = read_file(exe);
  }
};

const Artifacts& artifacts() {
  static const Artifacts built;
  return built;
}

const std::string& demo_library() {
  const auto& demo = artifacts().demo;
  if (!demo) ADD_FAILURE() << "could not build the demo library with gcc";
  static const std::string empty;
  return demo ? *demo : empty;
}

const ElfSymbol* find_export(const ElfFacts& facts, std::string_view name, std::string_view version) {
  for (const auto& symbol : facts.exports) {
    if (symbol.name == name && symbol.version == version) return &symbol;
  }
  return nullptr;
}

bool has_export_named(const ElfFacts& facts, std::string_view name) {
  return std::ranges::any_of(facts.exports, [&](const ElfSymbol& s) { return s.name == name; });
}

std::string describe(const ElfFacts& facts) {
  std::ostringstream out;
  for (const auto& s : facts.exports) {
    out << s.name << (s.version.empty() ? "" : (s.default_version ? "@@" : "@")) << s.version
        << (s.weak ? " weak" : "") << (s.function ? " func" : "") << "\n";
  }
  return out.str();
}

// ---------------------------------------------------------------------------------------------
// Locating records inside a well-formed ELFCLASS64 little-endian image, to corrupt them.

template <typename T>
T load(const std::string& bytes, std::size_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

template <typename T>
void store(std::string& bytes, std::size_t offset, const T& value) {
  std::memcpy(bytes.data() + offset, &value, sizeof(T));
}

struct SectionRef {
  std::size_t header_offset;  // of the Elf64_Shdr
  Elf64_Shdr shdr;
};

std::optional<SectionRef> find_section(const std::string& bytes, std::uint32_t type) {
  const auto ehdr = load<Elf64_Ehdr>(bytes, 0);
  for (std::size_t i = 0; i < ehdr.e_shnum; ++i) {
    const std::size_t at = ehdr.e_shoff + i * ehdr.e_shentsize;
    const auto shdr = load<Elf64_Shdr>(bytes, at);
    if (shdr.sh_type == type) return SectionRef{at, shdr};
  }
  return std::nullopt;
}

void expect_elf_error(const std::expected<ElfFacts, std::string>& result, std::string_view what) {
  ASSERT_FALSE(result.has_value()) << what << " parsed unexpectedly";
  EXPECT_FALSE(result.error().empty()) << what;
  EXPECT_NE(result.error().find("ELF"), std::string::npos) << what << ": " << result.error();
}

// ---------------------------------------------------------------------------------------------
// The demo library

TEST(ElfFactsLibrary, ReadsSonameAndVersionDefinitions) {
  const auto facts = parsers::read_elf_facts(demo_library());
  ASSERT_TRUE(facts.has_value()) << facts.error();
  EXPECT_EQ(facts->soname, "libdemo.so.1");
  EXPECT_EQ(facts->version_definitions, (std::vector<std::string>{"VERS_1", "VERS_2"}));
  EXPECT_TRUE(std::ranges::is_sorted(facts->exports));
}

TEST(ElfFactsLibrary, ExportsDefaultAndCompatVersions) {
  const auto facts = parsers::read_elf_facts(demo_library());
  ASSERT_TRUE(facts.has_value()) << facts.error();

  const ElfSymbol* compat = find_export(*facts, "foo", "VERS_1");
  ASSERT_NE(compat, nullptr) << describe(*facts);
  EXPECT_FALSE(compat->default_version);
  EXPECT_TRUE(compat->function);
  EXPECT_FALSE(compat->weak);

  const ElfSymbol* current = find_export(*facts, "foo", "VERS_2");
  ASSERT_NE(current, nullptr) << describe(*facts);
  EXPECT_TRUE(current->default_version);
  EXPECT_TRUE(current->function);

  const ElfSymbol* bar = find_export(*facts, "bar", "VERS_1");
  ASSERT_NE(bar, nullptr) << describe(*facts);
  EXPECT_TRUE(bar->default_version);
  EXPECT_TRUE(bar->function);

  const ElfSymbol* weak = find_export(*facts, "weak_fn", "VERS_1");
  ASSERT_NE(weak, nullptr) << describe(*facts);
  EXPECT_TRUE(weak->weak);

  const ElfSymbol* counter = find_export(*facts, "counter", "VERS_1");
  ASSERT_NE(counter, nullptr) << describe(*facts);
  EXPECT_FALSE(counter->function);

  EXPECT_NE(find_export(*facts, "protected_fn", "VERS_1"), nullptr) << describe(*facts);
}

TEST(ElfFactsLibrary, HiddenStaticAndUndefinedSymbolsAreNotExported) {
  const auto facts = parsers::read_elf_facts(demo_library());
  ASSERT_TRUE(facts.has_value()) << facts.error();
  EXPECT_FALSE(has_export_named(*facts, "hidden_fn")) << describe(*facts);
  EXPECT_FALSE(has_export_named(*facts, "helper")) << describe(*facts);
  EXPECT_FALSE(has_export_named(*facts, "foo_v1")) << describe(*facts);
  EXPECT_FALSE(has_export_named(*facts, "foo_v2")) << describe(*facts);
  EXPECT_FALSE(has_export_named(*facts, "__cxa_finalize")) << describe(*facts);  // undefined
  // Absolute version marker symbols are not API.
  EXPECT_FALSE(has_export_named(*facts, "VERS_1")) << describe(*facts);
  EXPECT_FALSE(has_export_named(*facts, "VERS_2")) << describe(*facts);
}

TEST(ElfFactsLibrary, ExportsSymbolSpecSemantics) {
  const auto facts = parsers::read_elf_facts(demo_library());
  ASSERT_TRUE(facts.has_value()) << facts.error();
  EXPECT_TRUE(exports_symbol(*facts, "foo@VERS_1"));
  EXPECT_FALSE(exports_symbol(*facts, "foo@@VERS_1"));
  EXPECT_TRUE(exports_symbol(*facts, "foo@@VERS_2"));
  EXPECT_TRUE(exports_symbol(*facts, "foo@VERS_2"));
  EXPECT_TRUE(exports_symbol(*facts, "foo"));
  EXPECT_TRUE(exports_symbol(*facts, "bar"));
  EXPECT_TRUE(exports_symbol(*facts, "bar@@VERS_1"));
  EXPECT_FALSE(exports_symbol(*facts, "bar@VERS_2"));
  EXPECT_FALSE(exports_symbol(*facts, "baz"));
  EXPECT_FALSE(exports_symbol(*facts, "hidden_fn"));
  EXPECT_FALSE(exports_symbol(*facts, "foo@VERS_3"));
  EXPECT_FALSE(exports_symbol(*facts, ""));
  EXPECT_FALSE(exports_symbol(*facts, "@VERS_1"));
}

TEST(ElfFactsLibrary, ThirtyTwoBitLibraryParsesTheSame) {
  const auto& demo32 = artifacts().demo32;
  ASSERT_TRUE(demo32) << "gcc -m32 -nostdlib cannot link a 32-bit library here";
  const auto facts = parsers::read_elf_facts(*demo32);
  ASSERT_TRUE(facts.has_value()) << facts.error();
  EXPECT_EQ(facts->soname, "libdemo.so.1");
  EXPECT_EQ(facts->version_definitions, (std::vector<std::string>{"VERS_1", "VERS_2"}));
  EXPECT_TRUE(exports_symbol(*facts, "foo@VERS_1"));
  EXPECT_FALSE(exports_symbol(*facts, "foo@@VERS_1"));
  EXPECT_TRUE(exports_symbol(*facts, "foo@@VERS_2"));
  EXPECT_FALSE(exports_symbol(*facts, "hidden_fn"));

  // Same exports as the 64-bit build, where it exists.
  const auto facts64 = parsers::read_elf_facts(demo_library());
  ASSERT_TRUE(facts64.has_value()) << facts64.error();
  EXPECT_EQ(facts->exports, facts64->exports) << describe(*facts) << "---\n" << describe(*facts64);
}

// ---------------------------------------------------------------------------------------------
// Real files of this machine

TEST(ElfFactsSystemLibc, ReadsSonameExportsAndVersions) {
  ASSERT_TRUE(fs::exists(kSystemLibc)) << kSystemLibc << " not present";
  const auto facts = parsers::read_elf_facts(read_file(kSystemLibc));
  ASSERT_TRUE(facts.has_value()) << facts.error();
  EXPECT_EQ(facts->soname, "libc.so.6");
  EXPECT_TRUE(exports_symbol(*facts, "memcpy@GLIBC_2.14"));
  EXPECT_TRUE(exports_symbol(*facts, "memcpy@@GLIBC_2.14"));
  EXPECT_TRUE(exports_symbol(*facts, "memcpy@GLIBC_2.2.5"));   // the compat memcpy
  EXPECT_FALSE(exports_symbol(*facts, "memcpy@@GLIBC_2.2.5"));
  EXPECT_TRUE(exports_symbol(*facts, "printf"));
  EXPECT_FALSE(exports_symbol(*facts, "definitely_not_in_libc"));

  const ElfSymbol* memcpy_sym = find_export(*facts, "memcpy", "GLIBC_2.14");
  ASSERT_NE(memcpy_sym, nullptr);
  EXPECT_TRUE(memcpy_sym->function);  // an IFUNC

  const auto& defs = facts->version_definitions;
  EXPECT_NE(std::ranges::find(defs, "GLIBC_2.34"), defs.end());
  EXPECT_NE(std::ranges::find(defs, "GLIBC_2.2.5"), defs.end());
  EXPECT_EQ(std::ranges::find(defs, "libc.so.6"), defs.end());  // the VER_FLG_BASE entry
  EXPECT_FALSE(has_export_named(*facts, "GLIBC_2.34"));          // marker symbol
  EXPECT_TRUE(std::ranges::is_sorted(facts->exports));
}

TEST(ElfFactsExecutable, NeedsLibcAndReportsNewestGlibc) {
  const auto& program = artifacts().program;
  ASSERT_TRUE(program.has_value()) << "could not build a test program with gcc";
  const auto facts = parsers::read_elf_facts(*program);
  ASSERT_TRUE(facts.has_value()) << facts.error();
  EXPECT_EQ(facts->soname, "");
  EXPECT_NE(std::ranges::find(facts->needed, "libc.so.6"), facts->needed.end());
  EXPECT_FALSE(has_export_named(*facts, "printf"));  // only imported

  const auto libc_need = std::ranges::find(facts->version_needs, std::string("libc.so.6"),
                                           &ElfVersionNeed::file);
  ASSERT_NE(libc_need, facts->version_needs.end());
  EXPECT_FALSE(libc_need->versions.empty());

  const auto newest = newest_required_version(*facts, "GLIBC_");
  ASSERT_TRUE(newest.has_value());
  EXPECT_TRUE(newest->starts_with("GLIBC_2.")) << *newest;
  for (const auto& version : libc_need->versions) {
    if (version.starts_with("GLIBC_2.")) {
      EXPECT_LE(compare_symbol_versions(version, *newest), 0) << version;
    }
  }
  EXPECT_EQ(newest_required_version(*facts, "NOSUCHLIB_"), std::nullopt);
  EXPECT_LT(compare_symbol_versions("GLIBC_2.9", "GLIBC_2.14"), 0);
}

// busybox-static (installed by .ci/setup): no .dynamic, no .dynsym. It needs nothing, so a
// version ceiling holds for it, and it exports nothing.
TEST(ElfFactsExecutable, StaticallyLinkedFileNeedsAndExportsNothing) {
  const auto facts = parsers::read_elf_facts(read_file("/bin/busybox"));
  ASSERT_TRUE(facts.has_value()) << facts.error();
  EXPECT_TRUE(facts->needed.empty());
  EXPECT_TRUE(facts->exports.empty());
  EXPECT_TRUE(facts->version_needs.empty());
  EXPECT_EQ(newest_required_version(*facts, "GLIBC_"), std::nullopt);
}

// ---------------------------------------------------------------------------------------------
// Pure helpers

TEST(ElfFacts, CompareSymbolVersionsOrdersNumerically) {
  EXPECT_LT(compare_symbol_versions("GLIBC_2.9", "GLIBC_2.14"), 0);
  EXPECT_GT(compare_symbol_versions("GLIBC_2.14", "GLIBC_2.9"), 0);
  EXPECT_LT(compare_symbol_versions("GLIBC_2.14", "GLIBC_2.34"), 0);
  EXPECT_LT(compare_symbol_versions("GLIBC_2.2.5", "GLIBC_2.3"), 0);
  EXPECT_LT(compare_symbol_versions("GLIBC_2.2", "GLIBC_2.2.5"), 0);
  EXPECT_LT(compare_symbol_versions("GLIBC_2.19", "GLIBC_2.20"), 0);
  EXPECT_GT(compare_symbol_versions("GLIBC_2.19", "GLIBC_2.2"), 0);
  EXPECT_EQ(compare_symbol_versions("GLIBC_2.34", "GLIBC_2.34"), 0);
  EXPECT_EQ(compare_symbol_versions("GLIBC_2.034", "GLIBC_2.34"), 0);
  EXPECT_LT(compare_symbol_versions("GLIBCXX_3.4.9", "GLIBCXX_3.4.29"), 0);
  EXPECT_EQ(compare_symbol_versions("", ""), 0);
  EXPECT_LT(compare_symbol_versions("", "GLIBC_2.2"), 0);
}

TEST(ElfFacts, NewestRequiredVersionFiltersByPrefix) {
  ElfFacts facts;
  facts.version_needs = {
      {"libc.so.6", {"GLIBC_2.2.5", "GLIBC_2.14", "GLIBC_PRIVATE", "GLIBC_2.9"}},
      {"libm.so.6", {"GLIBC_2.29"}},
      {"libstdc++.so.6", {"GLIBCXX_3.4.30", "CXXABI_1.3.13"}},
  };
  EXPECT_EQ(newest_required_version(facts, "GLIBC_"), "GLIBC_2.29");
  EXPECT_EQ(newest_required_version(facts, "GLIBCXX_"), "GLIBCXX_3.4.30");
  EXPECT_EQ(newest_required_version(facts, "CXXABI_"), "CXXABI_1.3.13");
  EXPECT_EQ(newest_required_version(facts, "GCC_"), std::nullopt);
  EXPECT_EQ(newest_required_version(ElfFacts{}, "GLIBC_"), std::nullopt);

  ElfFacts only_private;
  only_private.version_needs = {{"libc.so.6", {"GLIBC_PRIVATE"}}};
  EXPECT_EQ(newest_required_version(only_private, "GLIBC_"), std::nullopt);
}

TEST(ElfFacts, ExportsSymbolOnHandBuiltFacts) {
  ElfFacts facts;
  facts.exports = {
      {"plain", "", true, false, true},
      {"old", "V_1", false, false, true},
      {"old", "V_2", true, true, true},
  };
  EXPECT_TRUE(exports_symbol(facts, "plain"));
  EXPECT_FALSE(exports_symbol(facts, "plain@V_1"));
  EXPECT_TRUE(exports_symbol(facts, "old"));
  EXPECT_TRUE(exports_symbol(facts, "old@V_1"));
  EXPECT_FALSE(exports_symbol(facts, "old@@V_1"));
  EXPECT_TRUE(exports_symbol(facts, "old@@V_2"));
  EXPECT_FALSE(exports_symbol(facts, "old@V_3"));
  EXPECT_FALSE(exports_symbol(ElfFacts{}, "plain"));
}

// ---------------------------------------------------------------------------------------------
// Malformed input: always an error, never a crash (run once under valgrind --error-exitcode=1).

TEST(ElfFactsMalformed, EmptyInput) { expect_elf_error(parsers::read_elf_facts(""), "empty input"); }

TEST(ElfFactsMalformed, NotAnElf) {
  expect_elf_error(parsers::read_elf_facts("not an elf"), "text");
  expect_elf_error(parsers::read_elf_facts("!<arch>\n"), "ar archive");
  expect_elf_error(parsers::read_elf_facts(std::string_view("\x7f" "ELF", 4)), "bare magic");
}

TEST(ElfFactsMalformed, TruncatedTo64Bytes) {
  const std::string& lib = demo_library();
  ASSERT_GT(lib.size(), 64u);
  const auto result = parsers::read_elf_facts(std::string_view(lib).substr(0, 64));
  expect_elf_error(result, "64-byte prefix");
  if (!result) {
    EXPECT_NE(result.error().find("truncated"), std::string::npos) << result.error();
  }
}

TEST(ElfFactsMalformed, TruncatedToHalf) {
  const std::string& lib = demo_library();
  ASSERT_FALSE(lib.empty());
  const auto result = parsers::read_elf_facts(std::string_view(lib).substr(0, lib.size() / 2));
  expect_elf_error(result, "half");
  if (!result) {
    EXPECT_NE(result.error().find("truncated"), std::string::npos) << result.error();
  }
}

TEST(ElfFactsMalformed, EveryTruncationFails) {
  const std::string& lib = demo_library();
  ASSERT_FALSE(lib.empty());
  for (const std::size_t size : {1, 3, 4, 5, 16, 17, 52, 63}) {
    expect_elf_error(parsers::read_elf_facts(std::string_view(lib).substr(0, size)),
                     "prefix of " + std::to_string(size) + " bytes");
  }
  for (std::size_t size = 0; size < lib.size(); size += 97) {
    expect_elf_error(parsers::read_elf_facts(std::string_view(lib).substr(0, size)),
                     "prefix of " + std::to_string(size) + " bytes");
  }
  expect_elf_error(parsers::read_elf_facts(std::string_view(lib).substr(0, lib.size() - 1)),
                   "all but the last byte");
}

TEST(ElfFactsMalformed, CorruptedSectionHeaderOffset) {
  std::string lib = demo_library();
  ASSERT_GE(lib.size(), sizeof(Elf64_Ehdr));
  for (const std::uint64_t shoff : {std::uint64_t{lib.size()} - 10, std::uint64_t{0xfffffffffffff000},
                                    std::uint64_t{lib.size()} + 4096}) {
    store(lib, offsetof(Elf64_Ehdr, e_shoff), shoff);
    expect_elf_error(parsers::read_elf_facts(lib), "e_shoff " + std::to_string(shoff));
  }
}

TEST(ElfFactsMalformed, CorruptedSectionSizeOrOffset) {
  const std::string& lib = demo_library();
  ASSERT_FALSE(lib.empty());
  const auto dynsym = find_section(lib, SHT_DYNSYM);
  ASSERT_TRUE(dynsym.has_value());

  std::string huge_size = lib;
  store(huge_size, dynsym->header_offset + offsetof(Elf64_Shdr, sh_size), std::uint64_t{1} << 40);
  expect_elf_error(parsers::read_elf_facts(huge_size), "huge .dynsym size");

  std::string far_offset = lib;
  store(far_offset, dynsym->header_offset + offsetof(Elf64_Shdr, sh_offset),
        std::uint64_t{lib.size()} - 8);
  expect_elf_error(parsers::read_elf_facts(far_offset), ".dynsym past the end");

  std::string bad_link = lib;
  store(bad_link, dynsym->header_offset + offsetof(Elf64_Shdr, sh_link), std::uint32_t{9999});
  expect_elf_error(parsers::read_elf_facts(bad_link), ".dynsym linked to a missing section");
}

TEST(ElfFactsMalformed, NoDynamicSymbolTable) {
  std::string lib = demo_library();
  ASSERT_FALSE(lib.empty());
  const auto dynsym = find_section(lib, SHT_DYNSYM);
  ASSERT_TRUE(dynsym.has_value());
  store(lib, dynsym->header_offset + offsetof(Elf64_Shdr, sh_type), std::uint32_t{SHT_PROGBITS});
  const auto result = parsers::read_elf_facts(lib);
  expect_elf_error(result, "no .dynsym");
  if (!result) {
    EXPECT_NE(result.error().find("dynamic symbol table"), std::string::npos);
  }
}

// A library whose .dynsym and .dynamic sections both lost their type still has PT_DYNAMIC: it is
// malformed, not a static file that needs nothing (a version ceiling must not pass on it).
TEST(ElfFactsMalformed, DynamicallyLinkedFileWithoutItsSectionsIsNotTakenForStatic) {
  std::string lib = demo_library();
  ASSERT_FALSE(lib.empty());
  for (const auto type : {SHT_DYNSYM, SHT_DYNAMIC}) {
    const auto section = find_section(lib, type);
    ASSERT_TRUE(section.has_value());
    store(lib, section->header_offset + offsetof(Elf64_Shdr, sh_type), std::uint32_t{SHT_PROGBITS});
  }
  const auto result = parsers::read_elf_facts(lib);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().find("dynamically linked (PT_DYNAMIC) but has no dynamic symbol table"), std::string::npos)
      << result.error();
}

TEST(ElfFactsMalformed, CorruptedVersionDefinitionLinks) {
  const std::string& lib = demo_library();
  ASSERT_FALSE(lib.empty());
  const auto verdef = find_section(lib, SHT_GNU_verdef);
  ASSERT_TRUE(verdef.has_value());
  const std::size_t first = verdef->shdr.sh_offset;

  for (const std::uint32_t next : {std::uint32_t{0xfffffff0}, std::uint32_t{1},
                                   static_cast<std::uint32_t>(verdef->shdr.sh_size)}) {
    std::string bad = lib;
    store(bad, first + offsetof(Elf64_Verdef, vd_next), next);
    const auto result = parsers::read_elf_facts(bad);
    expect_elf_error(result, "vd_next " + std::to_string(next));
    if (!result) {
      EXPECT_NE(result.error().find("version definition"), std::string::npos);
    }
  }

  std::string bad_aux = lib;
  store(bad_aux, first + offsetof(Elf64_Verdef, vd_aux), std::uint32_t{0xfffffff0});
  expect_elf_error(parsers::read_elf_facts(bad_aux), "vd_aux");

  std::string bad_name = lib;
  const auto aux_offset = first + load<Elf64_Verdef>(lib, first).vd_aux;
  store(bad_name, aux_offset + offsetof(Elf64_Verdaux, vda_name), std::uint32_t{0xfffffff0});
  expect_elf_error(parsers::read_elf_facts(bad_name), "vda_name");
}

TEST(ElfFactsMalformed, CorruptedVersionNeedLinks) {
  const auto& program = artifacts().program;
  ASSERT_TRUE(program.has_value());
  const auto verneed = find_section(*program, SHT_GNU_verneed);
  ASSERT_TRUE(verneed.has_value());
  const std::size_t first = verneed->shdr.sh_offset;
  const auto need = load<Elf64_Verneed>(*program, first);

  std::string bad_next = *program;
  store(bad_next, first + offsetof(Elf64_Verneed, vn_next), std::uint32_t{0xfffffff0});
  expect_elf_error(parsers::read_elf_facts(bad_next), "vn_next");

  std::string bad_aux = *program;
  store(bad_aux, first + offsetof(Elf64_Verneed, vn_aux), std::uint32_t{0xfffffff0});
  expect_elf_error(parsers::read_elf_facts(bad_aux), "vn_aux");

  std::string bad_count = *program;
  store(bad_count, first + offsetof(Elf64_Verneed, vn_cnt), std::uint16_t{0xffff});
  expect_elf_error(parsers::read_elf_facts(bad_count), "vn_cnt");

  std::string bad_file = *program;
  store(bad_file, first + offsetof(Elf64_Verneed, vn_file), std::uint32_t{0xfffffff0});
  expect_elf_error(parsers::read_elf_facts(bad_file), "vn_file");

  std::string bad_aux_next = *program;
  store(bad_aux_next, first + need.vn_aux + offsetof(Elf64_Vernaux, vna_next),
        std::uint32_t{0xfffffff0});
  if (need.vn_cnt > 1) {
    expect_elf_error(parsers::read_elf_facts(bad_aux_next), "vna_next");
  }

  std::string bad_aux_name = *program;
  store(bad_aux_name, first + need.vn_aux + offsetof(Elf64_Vernaux, vna_name),
        std::uint32_t{0xfffffff0});
  expect_elf_error(parsers::read_elf_facts(bad_aux_name), "vna_name");
}

TEST(ElfFactsMalformed, CorruptedStringIndexes) {
  const std::string& lib = demo_library();
  ASSERT_FALSE(lib.empty());

  // Every dynamic symbol name points far outside .dynstr.
  const auto dynsym = find_section(lib, SHT_DYNSYM);
  ASSERT_TRUE(dynsym.has_value());
  std::string bad_names = lib;
  for (std::size_t i = 1; i < dynsym->shdr.sh_size / sizeof(Elf64_Sym); ++i) {
    store(bad_names, dynsym->shdr.sh_offset + i * sizeof(Elf64_Sym) + offsetof(Elf64_Sym, st_name),
          std::uint32_t{0xfffffff0});
  }
  expect_elf_error(parsers::read_elf_facts(bad_names), "st_name");

  // DT_SONAME points outside .dynstr.
  const auto dynamic = find_section(lib, SHT_DYNAMIC);
  ASSERT_TRUE(dynamic.has_value());
  std::string bad_soname = lib;
  bool patched = false;
  for (std::size_t at = dynamic->shdr.sh_offset;
       at + sizeof(Elf64_Dyn) <= dynamic->shdr.sh_offset + dynamic->shdr.sh_size;
       at += sizeof(Elf64_Dyn)) {
    auto dyn = load<Elf64_Dyn>(lib, at);
    if (dyn.d_tag == DT_SONAME) {
      dyn.d_un.d_val = 0xfffffffffff0;
      store(bad_soname, at, dyn);
      patched = true;
    }
  }
  ASSERT_TRUE(patched);
  const auto result = parsers::read_elf_facts(bad_soname);
  expect_elf_error(result, "DT_SONAME");
  if (!result) {
    EXPECT_NE(result.error().find("DT_SONAME"), std::string::npos) << result.error();
  }

  // .dynstr without a terminating NUL: shrink it so its last string is cut.
  const auto dynstr_index = dynsym->shdr.sh_link;
  const auto ehdr = load<Elf64_Ehdr>(lib, 0);
  const std::size_t dynstr_header = ehdr.e_shoff + dynstr_index * ehdr.e_shentsize;
  auto dynstr = load<Elf64_Shdr>(lib, dynstr_header);
  std::string unterminated = lib;
  dynstr.sh_size -= 1;
  store(unterminated, dynstr_header, dynstr);
  // Either the cut string is used (error) or it is not; in both cases no crash.
  const auto cut = parsers::read_elf_facts(unterminated);
  if (!cut) {
    EXPECT_NE(cut.error().find("ELF"), std::string::npos) << cut.error();
  }
}

TEST(ElfFactsMalformed, BadVersionIndex) {
  const std::string& lib = demo_library();
  ASSERT_FALSE(lib.empty());
  const auto versym = find_section(lib, SHT_GNU_versym);
  ASSERT_TRUE(versym.has_value());
  std::string bad = lib;
  for (std::size_t i = 1; i < versym->shdr.sh_size / 2; ++i) {
    store(bad, versym->shdr.sh_offset + i * 2, std::uint16_t{0x1234});
  }
  const auto result = parsers::read_elf_facts(bad);
  expect_elf_error(result, "versym index");
  if (!result) {
    EXPECT_NE(result.error().find("version index"), std::string::npos) << result.error();
  }

  std::string short_versym = lib;
  auto shdr = versym->shdr;
  shdr.sh_size = 2;
  store(short_versym, versym->header_offset, shdr);
  expect_elf_error(parsers::read_elf_facts(short_versym), "short .gnu.version");
}

// Deterministic byte flips across the headers and the dynamic-linking sections. The parse may
// succeed or fail; it must not crash, hang or read out of bounds (checked by valgrind / ASan).
TEST(ElfFactsMalformed, RandomCorruptionNeverCrashes) {
  for (const std::optional<std::string>* input : {&artifacts().demo, &artifacts().program}) {
    ASSERT_TRUE(input->has_value());
    const std::string& original = **input;
    const auto ehdr = load<Elf64_Ehdr>(original, 0);

    std::vector<std::pair<std::size_t, std::size_t>> ranges;  // [begin, end)
    ranges.emplace_back(0, sizeof(Elf64_Ehdr));
    ranges.emplace_back(ehdr.e_shoff, ehdr.e_shoff + std::size_t{ehdr.e_shnum} * ehdr.e_shentsize);
    for (const std::uint32_t type : {std::uint32_t{SHT_DYNSYM}, std::uint32_t{SHT_DYNAMIC},
                                     std::uint32_t{SHT_GNU_versym}, std::uint32_t{SHT_GNU_verdef},
                                     std::uint32_t{SHT_GNU_verneed}}) {
      if (const auto section = find_section(original, type)) {
        ranges.emplace_back(section->shdr.sh_offset,
                            section->shdr.sh_offset + section->shdr.sh_size);
      }
    }

    std::uint64_t state = 0x2545f4914f6cdd1dULL;
    auto next = [&state] {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return static_cast<std::size_t>(state >> 33);
    };
    int parsed = 0;
    for (int round = 0; round < 1500; ++round) {
      std::string mutated = original;
      const int flips = 1 + static_cast<int>(next() % 4);
      for (int f = 0; f < flips; ++f) {
        const auto& [begin, end] = ranges[next() % ranges.size()];
        if (end <= begin || end > mutated.size()) continue;
        mutated[begin + next() % (end - begin)] = static_cast<char>(next() & 0xff);
      }
      const auto result = parsers::read_elf_facts(mutated);
      if (result) {
        ++parsed;
        EXPECT_TRUE(std::ranges::is_sorted(result->exports));
      } else {
        EXPECT_FALSE(result.error().empty());
      }
    }
    EXPECT_GT(parsed, 0);  // most single flips are harmless; this is not all-errors
  }
}

}  // namespace
}  // namespace hallmark::probes
