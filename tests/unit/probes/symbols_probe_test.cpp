#include "probes/symbols_probe.hpp"

#include <gtest/gtest.h>

namespace hallmark::probes {
namespace {

ElfFacts demo_library() {
  ElfFacts elf;
  elf.soname = "libdemo.so.1";
  elf.exports = {{"bar", "VERS_2", true, false, true}, {"foo", "VERS_1", false, false, true}, {"foo", "VERS_2", true, false, true}};
  elf.version_definitions = {"VERS_1", "VERS_2"};
  return elf;
}

Facts with_library(const std::string& name, LibraryFacts library) {
  Facts facts;
  facts.libraries.emplace(name, std::move(library));
  return facts;
}

TEST(SymbolsProbe, ExportsVersionsAndSonameHold) {
  const contracts::SymbolsSpec spec{.library = "libdemo.so.1", .soname = "libdemo.so.1", .exports = {"foo@VERS_1", "foo@@VERS_2", "bar"},
                                    .versions = {"VERS_2"}};
  EXPECT_EQ(evaluate(spec, with_library("libdemo.so.1", {"/usr/lib/libdemo.so.1", demo_library()})).verdict, Verdict::pass);
}

TEST(SymbolsProbe, RemovedSymbolAndVersionAreNamed) {
  const contracts::SymbolsSpec spec{.library = "libdemo.so.1", .exports = {"foo@@VERS_1", "baz"}, .versions = {"VERS_3"}};
  const Outcome outcome = evaluate(spec, with_library("libdemo.so.1", {"/usr/lib/libdemo.so.1", demo_library()}));
  EXPECT_EQ(outcome.verdict, Verdict::fail);
  EXPECT_EQ(outcome.actual, "/usr/lib/libdemo.so.1: does not export foo@@VERS_1 baz; does not define VERS_3");
}

TEST(SymbolsProbe, MissingOrMalformedLibraryFails) {
  const contracts::SymbolsSpec spec{.library = "libgone.so.1", .exports = {"x"}};
  EXPECT_EQ(evaluate(spec, with_library("libgone.so.1", {})).actual, "libgone.so.1 not found on the target");
  EXPECT_EQ(evaluate(spec, with_library("libgone.so.1", {"/lib/libgone.so.1", std::unexpected("not an ELF file")})).actual,
            "/lib/libgone.so.1: not an ELF file");
}

TEST(SymbolsProbe, BinariesNeedingTooNewAVersionAreListed) {
  ElfFacts old_binary, new_binary;
  old_binary.version_needs = {{"libc.so.6", {"GLIBC_2.2.5", "GLIBC_2.34"}}};
  new_binary.version_needs = {{"libc.so.6", {"GLIBC_2.38"}}};
  Facts facts;
  facts.binary_dirs.emplace("/usr/bin", std::vector<BinaryFacts>{{"/usr/bin/old", old_binary}, {"/usr/bin/new", new_binary}});
  const contracts::SymbolsSpec spec{.binaries = {"/usr/bin"}, .requires_at_most = "GLIBC_2.36"};
  const Outcome outcome = evaluate(spec, facts);
  EXPECT_EQ(outcome.verdict, Verdict::fail);
  EXPECT_EQ(outcome.actual, "2 ELF files checked, newest needed GLIBC_2.38: /usr/bin/new needs GLIBC_2.38");
  EXPECT_EQ(evaluate(contracts::SymbolsSpec{.binaries = {"/usr/bin"}, .requires_at_most = "GLIBC_2.38"}, facts).verdict, Verdict::pass);
}

}  // namespace
}  // namespace hallmark::probes
