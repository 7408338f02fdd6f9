#include "runner/targets/qemu/cloud_init_seed.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "runner/transports/process.hpp"
#include "support/temp_dir.hpp"

namespace hallmark::runner::targets::qemu {
namespace {

constexpr std::string_view k_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTests hallmark-ephemeral";

TEST(CloudInitSeed, RootGetsTheKeyWithRootLoginEnabled) {
  const auto seed = render_cloud_init_seed("root", k_key, "hallmark-1-00000001");
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
  const auto seed = render_cloud_init_seed("tester", std::string(k_key) + "\n", "i-1");
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
  EXPECT_EQ(render_cloud_init_seed("x\nruncmd: [reboot]", k_key, "i-1").error(),
            "\"x\nruncmd: [reboot]\" is not a login name cloud-init can create");
  EXPECT_FALSE(render_cloud_init_seed("", k_key, "i-1").has_value());
  EXPECT_FALSE(render_cloud_init_seed("-rf", k_key, "i-1").has_value());
}

TEST(CloudInitSeed, KeyMustBeOneLine) {
  EXPECT_EQ(render_cloud_init_seed("root", "ssh-ed25519 AAAA\nssh-rsa BBBB", "i-1").error(),
            "the public key must be one OpenSSH key line");
  EXPECT_FALSE(render_cloud_init_seed("root", "", "i-1").has_value());
}

// Needs genisoimage and isoinfo (the VM tooling), hence the Vm prefix.
TEST(VmCloudInitSeed, IsoIsLabelledCidataAndHoldsBothFiles) {
  const hallmark::testing::TempDir dir;
  const auto seed = render_cloud_init_seed("root", k_key, "i-1");
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

}  // namespace
}  // namespace hallmark::runner::targets::qemu
