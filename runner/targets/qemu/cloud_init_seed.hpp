#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace hallmark::runner::targets::qemu {

// The two files of a cloud-init NoCloud seed.
struct CloudInitSeed {
  std::string user_data;
  std::string meta_data;
};

// A seed that authorizes `public_key` (one OpenSSH public key line) for `user` on an instance
// named `instance_id`: root's login is enabled for "root" (disable_root: false), any other user
// is created with passwordless sudo. Fails when `user` is not a plain login name or the key is
// not one line.
std::expected<CloudInitSeed, std::string> render_cloud_init_seed(std::string_view user, std::string_view public_key,
                                                                 std::string_view instance_id);

// Writes the seed's files into `dir` and packs them into DIR/seed.iso, an ISO 9660 volume
// labelled "cidata" (genisoimage). Returns the ISO's path, or why it could not be made.
std::expected<std::string, std::string> write_seed_iso(const CloudInitSeed& seed, const std::string& dir);

}  // namespace hallmark::runner::targets::qemu
