#include "runner/targets/qemu/disk_provenance.hpp"

#include <chrono>
#include <filesystem>

#include <fmt/format.h>

#include "runner/transports/process.hpp"
#include "util/sha256.hpp"
#include "util/text.hpp"

namespace hallmark::runner::targets::qemu {

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

}  // namespace

std::expected<DiskIdentity, std::string> identify_disk(const std::string& disk) {
  std::error_code error;
  if (!fs::exists(disk, error)) return std::unexpected(fmt::format("no disk image {}", disk));
  DiskIdentity identity;
  const auto info = transports::run_process({"qemu-img", "info", "-U", "--backing-chain", "--output=json", disk}, {}, 60s);
  if (!info) {
    identity.chain = {DiskImage{disk, disk_format_from_extension(disk)}};
  } else if (info->timed_out || info->exit_code != 0) {
    return std::unexpected(fmt::format("qemu-img cannot read {}: {}", disk, util::without_trailing(info->err, "\n ")));
  } else {
    auto chain = disk_chain_from_qemu_img_json(info->out);
    if (!chain) return std::unexpected(fmt::format("cannot tell the format of {}: {}", disk, chain.error()));
    identity.chain = std::move(*chain);
    identity.chain.front().filename = disk;  // as given, not as qemu-img spelled it
  }
  for (const DiskImage& image : identity.chain) {
    auto digest = util::sha256_file_hex(image.filename);
    if (!digest) return std::unexpected(fmt::format("cannot hash the disk: {}", digest.error()));
    identity.sha256.push_back(std::move(*digest));
  }
  return identity;
}

Properties disk_properties(const DiskIdentity& disk) {
  const DiskImage& top = disk.chain.front();
  Properties properties{{"disk.format", top.format},
                        {"disk.virtual_size", top.virtual_size > 0 ? std::to_string(top.virtual_size) : "unknown"},
                        {"disk.sha256", disk.sha256.front()}};
  for (std::size_t i = 1; i < disk.chain.size(); ++i) {
    properties.emplace_back(fmt::format("disk.backing.{}", i),
                            fmt::format("{} format={} sha256:{}", disk.chain[i].filename, disk.chain[i].format, disk.sha256[i]));
  }
  return properties;
}

std::string qemu_version() {
  const auto version = transports::run_process({"qemu-system-x86_64", "--version"}, {}, 30s);
  if (!version || version->exit_code != 0) return "unknown";
  std::string line = version->out.substr(0, version->out.find('\n'));
  constexpr std::string_view prefix = "QEMU emulator version ";
  return line.starts_with(prefix) ? line.substr(prefix.size()) : line;
}

}  // namespace hallmark::runner::targets::qemu
