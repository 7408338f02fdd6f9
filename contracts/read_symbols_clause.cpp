#include <fmt/format.h>

#include "contracts/clause_kind_readers.hpp"

namespace hallmark::contracts::readers {

std::optional<ReadSpec> symbols(TableReader& reader) {
  SymbolsSpec spec;
  spec.library = reader.string("library");
  spec.soname = reader.string("soname");
  spec.exports = reader.strings("exports");
  spec.versions = reader.strings("versions");
  spec.binaries = reader.strings("binaries");
  spec.requires_at_most = reader.string("requires_at_most");
  const bool about_library = spec.soname || !spec.exports.empty() || !spec.versions.empty();
  const bool about_binaries = !spec.binaries.empty() || spec.requires_at_most;
  if (about_library == about_binaries) {
    reader.error(reader.place(), fmt::format("{} checks either a library ('library' with 'soname', 'exports', 'versions') "
                                             "or binaries ('binaries' with 'requires_at_most'), one per clause",
                                             reader.what()));
    return std::nullopt;
  }
  if (about_library && !spec.library) {
    if (!spec.soname) {
      reader.error(reader.place(), fmt::format("{} needs 'library' (a path or a soname) or 'soname'", reader.what()));
      return std::nullopt;
    }
    spec.library = spec.soname;  // resolve the soname on the target
  }
  if (about_binaries && (spec.binaries.empty() || !spec.requires_at_most)) {
    reader.error(reader.place(), fmt::format("{} needs both 'binaries' and 'requires_at_most'", reader.what()));
    return std::nullopt;
  }
  for (const std::string& directory : spec.binaries) {
    if (directory.empty() || directory.front() != '/') {
      reader.error(reader.place_of("binaries"), fmt::format("'binaries' must hold absolute directories, not \"{}\"", directory));
    }
  }
  if (spec.requires_at_most && spec.requires_at_most->find('_') == std::string::npos) {
    reader.error(reader.place_of("requires_at_most"),
                 fmt::format("'requires_at_most' must be a symbol version like \"GLIBC_2.36\", not \"{}\"", *spec.requires_at_most));
  }
  const std::string id = about_library ? "symbols." + *spec.library : "symbols.requires." + *spec.requires_at_most;
  return ReadSpec{spec, id};
}

}  // namespace hallmark::contracts::readers
