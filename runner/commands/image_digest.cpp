#include "runner/commands/image_digest.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "util/sha256.hpp"

namespace hallmark::runner::commands {

std::expected<reports::AttestedResource, std::string> image_digest(const probes::Provenance& provenance) {
  constexpr std::string_view k_prefix = "sha256:";
  if (provenance.image_id.starts_with(k_prefix)) {
    return reports::AttestedResource{provenance.image.empty() ? provenance.target : provenance.image,
                                     provenance.image_id.substr(k_prefix.size())};
  }
  std::error_code error;
  if (!provenance.image.empty() && std::filesystem::is_regular_file(provenance.image, error)) {
    auto hex = util::sha256_file_hex(provenance.image);
    if (!hex) return std::unexpected(hex.error());
    return reports::AttestedResource{provenance.image, std::move(*hex)};
  }
  return std::unexpected(fmt::format("{} has no image digest (a container image or a VM disk has one)", provenance.target));
}

}  // namespace hallmark::runner::commands
