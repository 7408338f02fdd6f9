#include "runner/targets/qemu/cloud_init_seed.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "runner/transports/process.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::runner::targets::qemu {
namespace {

const std::string k_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTests hallmark-ephemeral";
const std::string k_user_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIUsersOwnKey user@laptop";

TEST(CloudInitSeed, RootGetsTheKeyWithRootLoginEnabled) {
  const auto seed = render_cloud_init_seed("root", {k_key}, "hallmark-1-00000001");
  ASSERT_TRUE(seed.has_value()) << seed.error();
  EXPECT_EQ(seed->user_data,
            "#cloud-config\n"
            "# Written by hallmark: lets this run log in with a key that exists only for the run.\n"
            "disable_root: false\n"
            "ssh_authorized_keys:\n"
            "  - \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTests hallmark-ephemeral\"\n");
  EXPECT_EQ(seed->meta_data, "instance-id: hallmark-1-00000001\nlocal-hostname: hallmark-vm\n");
}

TEST(CloudInitSeed, OtherUserIsCreatedWithTheKeyAndSudoAndRootIsLeftAlone) {
  const auto seed = render_cloud_init_seed("tester", {k_key + "\n"}, "i-1");
  ASSERT_TRUE(seed.has_value()) << seed.error();
  EXPECT_EQ(seed->user_data,
            "#cloud-config\n"
            "# Written by hallmark: lets this run log in with a key that exists only for the run.\n"
            "users:\n"
            "  - default\n"
            "  - name: tester\n"
            "    sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n"
            "    shell: /bin/sh\n"
            "    lock_passwd: true\n"
            "    ssh_authorized_keys:\n"
            "      - \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTests hallmark-ephemeral\"\n");
}

TEST(CloudInitSeed, UserNameThatCouldInjectYamlIsRefused) {
  EXPECT_EQ(render_cloud_init_seed("x\nruncmd: [reboot]", {k_key}, "i-1").error(),
            "\"x\nruncmd: [reboot]\" is not a login name cloud-init can create");
  EXPECT_FALSE(render_cloud_init_seed("", {k_key}, "i-1").has_value());
  EXPECT_FALSE(render_cloud_init_seed("-rf", {k_key}, "i-1").has_value());
}

TEST(CloudInitSeed, EachKeyMustBeOneLineAndOneIsNeeded) {
  EXPECT_EQ(render_cloud_init_seed("root", {"ssh-ed25519 AAAA\nssh-rsa BBBB"}, "i-1").error(),
            "a public key must be one OpenSSH key line");
  EXPECT_FALSE(render_cloud_init_seed("root", {""}, "i-1").has_value());
  EXPECT_EQ(render_cloud_init_seed("root", {}, "i-1").error(), "the seed needs a public key");
}

TEST(CloudInitSeed, EphemeralAndUsersKeysAreBothAuthorized) {
  const auto root = render_cloud_init_seed("root", {k_key, k_user_key}, "i-1");
  ASSERT_TRUE(root.has_value());
  EXPECT_TRUE(root->user_data.ends_with("ssh_authorized_keys:\n  - \"" + k_key + "\"\n  - \"" + k_user_key + "\"\n")) << root->user_data;
  const auto tester = render_cloud_init_seed("tester", {k_key, k_user_key}, "i-1");
  ASSERT_TRUE(tester.has_value());
  EXPECT_TRUE(tester->user_data.ends_with("    ssh_authorized_keys:\n      - \"" + k_key + "\"\n      - \"" + k_user_key + "\"\n"))
      << tester->user_data;
}

TEST(CloudInitSeed, CustomUserDataGoesFirstInAMultipartAndHallmarksKeysAppend) {
  const auto joined = with_custom_user_data("#cloud-config\nssh_authorized_keys: [k]\n", "#cloud-config\npackages: [htop]");
  ASSERT_TRUE(joined.has_value()) << joined.error();
  EXPECT_EQ(*joined,
            "Content-Type: multipart/mixed; boundary=\"==hallmark-user-data-boundary==\"\n"
            "MIME-Version: 1.0\n"
            "\n"
            "--==hallmark-user-data-boundary==\n"
            "Content-Type: text/cloud-config; charset=\"utf-8\"\n"
            "\n"
            "#cloud-config\npackages: [htop]\n"
            "--==hallmark-user-data-boundary==\n"
            "Content-Type: text/cloud-config; charset=\"utf-8\"\n"
            "Merge-Type: list(append)+dict(recurse_array)+str()\n"
            "\n"
            "#cloud-config\nssh_authorized_keys: [k]\n"
            "--==hallmark-user-data-boundary==--\n");
  EXPECT_NE(with_custom_user_data("#cloud-config\n", "#!/bin/sh\ntrue\n")->find("Content-Type: text/x-shellscript"), std::string::npos);
}

TEST(CloudInitSeed, CustomUserDataMustBeCloudConfigOrAScript) {
  EXPECT_EQ(with_custom_user_data("#cloud-config\n", "packages: [htop]\n").error(),
            "the user-data must be a #cloud-config or a script starting with #!");
  EXPECT_EQ(with_custom_user_data("#cloud-config\n", "#!/bin/sh\n# ==hallmark-user-data-boundary==\n").error(),
            "the user-data holds ==hallmark-user-data-boundary==");
}

// Needs genisoimage and isoinfo (the VM tooling), hence the Vm prefix.
TEST(VmCloudInitSeed, IsoIsLabelledCidataAndHoldsBothFiles) {
  const hallmark::testing::TempDir dir;
  const auto seed = render_cloud_init_seed("root", {k_key}, "i-1");
  ASSERT_TRUE(seed.has_value());
  const auto iso = write_seed_iso(*seed, dir.path().string());
  ASSERT_TRUE(iso.has_value()) << iso.error();
  EXPECT_EQ(*iso, (dir.path() / "seed.iso").string());

  const auto header = transports::run_process({"isoinfo", "-d", "-i", *iso}, {}, std::chrono::seconds{30});
  ASSERT_TRUE(header.has_value()) << header.error();
  EXPECT_NE(header->out.find("Volume id: cidata"), std::string::npos) << header->out;
  const auto files = transports::run_process({"isoinfo", "-R", "-f", "-i", *iso}, {}, std::chrono::seconds{30});
  ASSERT_TRUE(files.has_value()) << files.error();
  EXPECT_NE(files->out.find("/user-data"), std::string::npos) << files->out;
  EXPECT_NE(files->out.find("/meta-data"), std::string::npos) << files->out;
  const auto user_data = transports::run_process({"isoinfo", "-R", "-x", "/user-data", "-i", *iso}, {}, std::chrono::seconds{30});
  ASSERT_TRUE(user_data.has_value());
  EXPECT_EQ(user_data->out, seed->user_data);
}

TEST(VmCloudInitSeed, NetworkConfigIsPackedWhenGiven) {
  const hallmark::testing::TempDir dir;
  auto seed = render_cloud_init_seed("root", {k_key}, "i-1");
  ASSERT_TRUE(seed.has_value());
  seed->network_config = "version: 2\nethernets: {}\n";
  const auto iso = write_seed_iso(*seed, dir.path().string());
  ASSERT_TRUE(iso.has_value()) << iso.error();
  const auto network = transports::run_process({"isoinfo", "-R", "-x", "/network-config", "-i", *iso}, {}, std::chrono::seconds{30});
  ASSERT_TRUE(network.has_value());
  EXPECT_EQ(network->out, "version: 2\nethernets: {}\n");
}

}  // namespace
}  // namespace hallmark::runner::targets::qemu
