// A contract and the one it may include, loaded from real files: the input is main.toml, and after
// a line "#---" inc.toml, which main.toml (or inc.toml itself) can include.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "contracts/contract_loader.hpp"

namespace {

void write(const std::filesystem::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view k_separator = "\n#---\n";
  const std::size_t split = input.find(k_separator);
  // A fresh directory per input, removed at once: libFuzzer ends with _Exit, so atexit never runs.
  std::string directory = (std::filesystem::temp_directory_path() / "hallmark-fuzz-XXXXXX").string();
  if (!::mkdtemp(directory.data())) std::abort();
  write(std::filesystem::path(directory) / "main.toml", input.substr(0, split));
  write(std::filesystem::path(directory) / "inc.toml",
        split == std::string_view::npos ? "" : input.substr(split + k_separator.size()));
  hallmark::contracts::load_contract((std::filesystem::path(directory) / "main.toml").string());
  std::filesystem::remove_all(directory);
  return 0;
}
