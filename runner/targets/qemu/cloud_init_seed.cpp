#include "runner/targets/qemu/cloud_init_seed.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <utility>

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

std::expected<CloudInitSeed, std::string> render_cloud_init_seed(std::string_view user, const std::vector<std::string>& public_keys,
                                                                 std::string_view instance_id) {
  if (!is_login_name(user)) return std::unexpected(fmt::format("\"{}\" is not a login name cloud-init can create", user));
  std::string keys;
  for (std::string_view key : public_keys) {
    while (!key.empty() && key.back() == '\n') key.remove_suffix(1);
    if (key.empty() || key.find_first_of("\n\"\\") != std::string_view::npos) {
      return std::unexpected("a public key must be one OpenSSH key line");
    }
    keys += fmt::format("{}  - \"{}\"\n", user == "root" ? "" : "    ", key);
  }
  if (keys.empty()) return std::unexpected("the seed needs a public key");
  CloudInitSeed seed;
  seed.user_data =
      "#cloud-config\n"
      "# Written by hallmark: lets this run log in with a key that exists only for the run.\n";
  if (user == "root") {
    seed.user_data += "disable_root: false\nssh_authorized_keys:\n" + keys;
  } else {
    seed.user_data += fmt::format(
        "users:\n"
        "  - default\n"
        "  - name: {}\n"
        "    sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n"
        "    shell: /bin/sh\n"
        "    lock_passwd: true\n"
        "    ssh_authorized_keys:\n"
        "{}",
        user, keys);
  }
  seed.meta_data = fmt::format("instance-id: {}\nlocal-hostname: hallmark-vm\n", instance_id);
  return seed;
}

std::expected<std::string, std::string> with_custom_user_data(std::string_view hallmark_user_data, std::string_view custom) {
  constexpr std::string_view boundary = "==hallmark-user-data-boundary==";
  std::string_view type;
  if (custom.starts_with("#cloud-config")) {
    type = "text/cloud-config";
  } else if (custom.starts_with("#!")) {
    type = "text/x-shellscript";
  } else {
    return std::unexpected("the user-data must be a #cloud-config or a script starting with #!");
  }
  if (custom.find(boundary) != std::string_view::npos) return std::unexpected(fmt::format("the user-data holds {}", boundary));
  const std::string_view newline = custom.ends_with('\n') ? "" : "\n";
  return fmt::format(
      "Content-Type: multipart/mixed; boundary=\"{0}\"\n"
      "MIME-Version: 1.0\n"
      "\n"
      "--{0}\n"
      "Content-Type: {1}; charset=\"utf-8\"\n"
      "\n"
      "{2}{3}"
      "--{0}\n"
      "Content-Type: text/cloud-config; charset=\"utf-8\"\n"
      "Merge-Type: list(append)+dict(recurse_array)+str()\n"
      "\n"
      "{4}"
      "--{0}--\n",
      boundary, type, custom, newline, hallmark_user_data);
}

std::expected<std::string, std::string> write_seed_iso(const CloudInitSeed& seed, const std::string& dir) {
  const std::string iso = dir + "/seed.iso";
  std::vector<std::string> argv{"genisoimage", "-quiet", "-output", iso, "-volid", "cidata", "-joliet", "-rock"};
  std::vector<std::pair<std::string_view, const std::string*>> files{{"user-data", &seed.user_data}, {"meta-data", &seed.meta_data}};
  if (seed.network_config) files.emplace_back("network-config", &*seed.network_config);
  for (const auto& [name, text] : files) {
    argv.push_back(fmt::format("{}/{}", dir, name));
    if (auto written = write_text(argv.back(), *text); !written) return std::unexpected(written.error());
  }
  const auto packed = transports::run_process(argv, {}, std::chrono::seconds{60});
  if (!packed) return std::unexpected(fmt::format("cannot make the cloud-init seed: {} (apt-get install genisoimage)", packed.error()));
  if (packed->timed_out || packed->exit_code != 0) {
    return std::unexpected(fmt::format("genisoimage failed to make the cloud-init seed: {}", packed->err));
  }
  return iso;
}

}  // namespace hallmark::runner::targets::qemu
