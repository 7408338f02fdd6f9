#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hallmark::runner::targets::qemu {

// The files of a cloud-init NoCloud seed.
struct CloudInitSeed {
  std::string user_data;
  std::string meta_data;
  std::optional<std::string> network_config;  // written as network-config when given
};

// A seed that authorizes `public_keys` (OpenSSH public key lines) for `user` on an instance
// named `instance_id`: root's login is enabled for "root" (disable_root: false), any other user
// is created with passwordless sudo. Fails when `user` is not a plain login name or a key is
// not one line.
std::expected<CloudInitSeed, std::string> render_cloud_init_seed(std::string_view user, const std::vector<std::string>& public_keys,
                                                                 std::string_view instance_id);

// `hallmark_user_data` (a #cloud-config) joined with the user's own user-data as a MIME
// multipart, the user's part first, hallmark's part appending its keys to the user's lists.
// Fails when the user's text is neither a #cloud-config nor a script ("#!").
std::expected<std::string, std::string> with_custom_user_data(std::string_view hallmark_user_data, std::string_view custom);

// Writes the seed's files into `dir` and packs them into DIR/seed.iso, an ISO 9660 volume
// labelled "cidata" (genisoimage). Returns the ISO's path, or why it could not be made.
std::expected<std::string, std::string> write_seed_iso(const CloudInitSeed& seed, const std::string& dir);

}  // namespace hallmark::runner::targets::qemu
