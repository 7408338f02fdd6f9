#pragma once

// Reads the dynamic-linking facts of an ELF file from its bytes, with libelf (whose headers stay
// in the .cpp). The bytes come from the image under test: malformed input is an error, never a crash.

#include <expected>
#include <string>
#include <string_view>

#include "probes/elf_facts.hpp"

namespace hallmark::probes::parsers {

// Parses an ELF shared object or executable held in memory. Fails with a message naming what is
// wrong (not an ELF file, truncated, no dynamic symbol table...) and never crashes on malformed input.
//
// Notes: symbols with STB_GNU_UNIQUE binding count as exports (weak == false), since the dynamic
// linker treats them as global. The absolute marker symbols a linker emits for each version
// definition (e.g. `GLIBC_2.14@@GLIBC_2.14`, SHN_ABS, named after their own version) are not exports.
// Sections are required: a file whose section headers were stripped is reported as an error.
std::expected<ElfFacts, std::string> read_elf_facts(std::string_view bytes);

}  // namespace hallmark::probes::parsers
