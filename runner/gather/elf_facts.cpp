#include <fmt/format.h>

#include "probes/parsers/elf_reader.hpp"
#include "probes/parsers/headed_files.hpp"
#include "runner/gather/script_runner.hpp"
#include "runner/gather/embedded_scripts.hpp"
#include "runner/gather/gatherers.hpp"

// Gatherers of ELF facts: the library file is read through the transport and parsed here,
// so the image needs no binutils.
namespace hallmark::runner::gather {

void libraries(transports::Transport& transport, const std::set<std::string>& libraries, milliseconds timeout, probes::Facts& facts) {
  const std::vector<std::string> args(libraries.begin(), libraries.end());
  for (const std::string& library : libraries) facts.libraries[library] = std::unexpected("the target did not report on this library");
  const auto records = run_keyed_script(transport, scripts::k_libraries, args, timeout, facts.libraries);
  if (!records) return;
  probes::LibraryFacts* current = nullptr;
  for (const Record& record : *records) {
    if (record.field == "library") {
      auto& fact = facts.libraries[record.value];
      fact = probes::LibraryFacts{};
      current = &*fact;
    } else if (!current) {
      continue;
    } else if (record.field == "path") {
      current->path = record.value;
    } else if (record.field == "content") {
      current->elf = probes::parsers::read_elf_facts(record.value);
    }
  }
}

void binary_dirs(transports::Transport& transport, const std::set<std::string>& directories, milliseconds timeout, probes::Facts& facts) {
  constexpr std::size_t k_cap = std::size_t{256} << 20;  // of one file: the script reads one byte more
  std::vector<std::string> args{std::to_string(k_cap)};
  args.insert(args.end(), directories.begin(), directories.end());
  for (const std::string& directory : directories) {
    facts.binary_dirs[directory] = std::unexpected("the target did not report on this directory");
  }
  const auto records = run_keyed_script(transport, scripts::k_binary_dirs, args, timeout, facts.binary_dirs);
  if (!records) return;
  probes::Fact<std::vector<probes::BinaryFacts>>* current = nullptr;
  std::vector<std::string> waiting;  // paths whose bytes come in the directory's `contents`
  for (const Record& record : *records) {
    if (record.field == "dir") {
      current = &facts.binary_dirs[record.value];
      *current = std::vector<probes::BinaryFacts>{};
      waiting.clear();
    } else if (!current || !current->has_value()) {
      continue;
    } else if (record.field == "missing") {
      *current = std::vector<probes::BinaryFacts>{};  // no such directory: nothing in it can need too much
    } else if (record.field == "path") {
      waiting.push_back(record.value);
    } else if (record.field == "unreadable") {
      // A file whose needs are unknown: no ceiling over the directory may pass.
      *current = std::unexpected(probes::deterministic_error(fmt::format("an ELF file cannot be read: {}", record.value)));
    } else if (record.field == "contents") {
      auto contents = probes::parsers::parse_headed_files(record.value, waiting);
      if (!contents) {
        *current = std::unexpected(probes::deterministic_error(fmt::format("the ELF files of a directory: {}", contents.error())));
        continue;
      }
      for (const std::string& path : waiting) {
        const std::string_view bytes(contents->at(path));
        (*current)->push_back({path, probes::parsers::read_elf_facts(bytes.substr(0, k_cap))});
      }
      waiting.clear();
    }
  }
}

}  // namespace hallmark::runner::gather
