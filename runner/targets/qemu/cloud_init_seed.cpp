#include "runner/targets/qemu/cloud_init_seed.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>

#include <fmt/format.h>

#include "runner/transports/process.hpp"

namespace hallmark::runner::targets::qemu {

namespace {

bool is_login_name(std::string_view user) {
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
  };
  return !user.empty() && user.size() <= 32 && user.front() != '-' && std::ranges::all_of(user, allowed);
}

std::expected<void, std::string> write_text(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) return std::unexpected(fmt::format("cannot write {}", path));
  return {};
}

}  // namespace

std::expected<CloudInitSeed, std::string> render_cloud_init_seed(std::string_view user, std::string_view public_key,
                                                                 std::string_view instance_id) {
  if (!is_login_name(user)) return std::unexpected(fmt::format("\"{}\" is not a login name cloud-init can create", user));
  while (!public_key.empty() && public_key.back() == '\n') public_key.remove_suffix(1);
  if (public_key.empty() || public_key.find_first_of("\n\"\\") != std::string_view::npos) {
    return std::unexpected("the public key must be one OpenSSH key line");
  }
  CloudInitSeed seed;
  seed.user_data =
      "#cloud-config\n"
      "# Written by hallmark: lets this run log in with a key that exists only for the run.\n";
  if (user == "root") {
    seed.user_data += fmt::format(
        "disable_root: false\n"
        "ssh_authorized_keys:\n"
        "  - \"{}\"\n",
        public_key);
  } else {
    seed.user_data += fmt::format(
        "users:\n"
        "  - default\n"
        "  - name: {}\n"
        "    sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n"
        "    shell: /bin/sh\n"
        "    lock_passwd: true\n"
        "    ssh_authorized_keys:\n"
        "      - \"{}\"\n",
        user, public_key);
  }
  seed.meta_data = fmt::format("instance-id: {}\nlocal-hostname: hallmark-vm\n", instance_id);
  return seed;
}

std::expected<std::string, std::string> write_seed_iso(const CloudInitSeed& seed, const std::string& dir) {
  for (const auto& [name, text] : {std::pair{"user-data", &seed.user_data}, std::pair{"meta-data", &seed.meta_data}}) {
    if (auto written = write_text(fmt::format("{}/{}", dir, name), *text); !written) return std::unexpected(written.error());
  }
  const std::string iso = dir + "/seed.iso";
  const auto packed = transports::run_process({"genisoimage", "-quiet", "-output", iso, "-volid", "cidata", "-joliet", "-rock",
                                   dir + "/user-data", dir + "/meta-data"},
                                  {}, std::chrono::seconds{60});
  if (!packed) return std::unexpected(fmt::format("cannot make the cloud-init seed: {} (apt-get install genisoimage)", packed.error()));
  if (packed->timed_out || packed->exit_code != 0) {
    return std::unexpected(fmt::format("genisoimage failed to make the cloud-init seed: {}", packed->err));
  }
  return iso;
}

}  // namespace hallmark::runner::targets::qemu
