#pragma once

#include <expected>
#include <string>
#include <utility>
#include <vector>

#include "runner/targets/qemu/qemu_command.hpp"

namespace hallmark::runner::targets::qemu {

using Properties = std::vector<std::pair<std::string, std::string>>;

// What identifies a disk: its chain as qemu-img reads it (the disk first) and the sha256 of
// each of those files as they are on this machine.
struct DiskIdentity {
  std::vector<DiskImage> chain;
  std::vector<std::string> sha256;  // one per image of `chain`
};

// Reads the disk's chain with `qemu-img info --backing-chain` (or guesses the format from its
// name when qemu-img is missing) and hashes each file. Fails when the disk does not exist or
// qemu-img or the hashing cannot read it.
std::expected<DiskIdentity, std::string> identify_disk(const std::string& disk);

// The provenance properties of a disk: disk.format, disk.virtual_size (bytes), disk.sha256,
// and disk.backing.N ("FILE format=FORMAT sha256:HEX") for each backing file, nearest first.
Properties disk_properties(const DiskIdentity& disk);

// qemu-system-x86_64's version ("7.2.19 (Debian 1:7.2+dfsg-7+deb12u16)"), or "unknown".
std::string qemu_version();

}  // namespace hallmark::runner::targets::qemu
