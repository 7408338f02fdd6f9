#include "runner/targets/qemu/vm_credentials.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>

#include "support/temp_dir.hpp"

namespace hallmark::runner::targets::qemu {
namespace {

// Runs each test without an ssh-agent, whatever the environment has, and restores it.
class VmCredentials : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* agent = std::getenv("SSH_AUTH_SOCK")) saved_ = agent;
    unsetenv("SSH_AUTH_SOCK");
  }
  void TearDown() override {
    if (saved_) setenv("SSH_AUTH_SOCK", saved_->c_str(), 1);
  }

  testing::TempDir dir;
  TargetOptions options;

 private:
  std::optional<std::string> saved_;
};

TEST_F(VmCredentials, NoIdentityNoCloudInitNoAgentIsRefusedBeforeBooting) {
  EXPECT_EQ(check_vm_options(options).error(),
            "a qemu target needs a way to log in: --cloud-init (an ephemeral key through a NoCloud seed), "
            "--identity KEY (a key the image already authorizes) or an ssh-agent (SSH_AUTH_SOCK is not set)");
}

TEST_F(VmCredentials, AnyOneWayToLogInIsEnough) {
  options.vm.cloud_init = true;
  EXPECT_TRUE(check_vm_options(options).has_value());
  options.vm.cloud_init = false;
  options.ssh.identity = dir.write("id", "private");
  EXPECT_TRUE(check_vm_options(options).has_value());
  options.ssh.identity.reset();
  setenv("SSH_AUTH_SOCK", "/run/agent.sock", 1);
  EXPECT_TRUE(check_vm_options(options).has_value());
}

TEST_F(VmCredentials, CloudInitWithIdentityNeedsItsPublicKey) {
  options.vm.cloud_init = true;
  options.ssh.identity = dir.write("id", "private");
  EXPECT_EQ(check_vm_options(options).error(),
            "--cloud-init authorizes the public key of --identity too, but there is no " + *options.ssh.identity +
                ".pub (make it with ssh-keygen -y -f " + *options.ssh.identity + " > " + *options.ssh.identity + ".pub)");
  dir.write("id.pub", "ssh-ed25519 AAAA user@laptop\n");
  EXPECT_TRUE(check_vm_options(options).has_value());
  EXPECT_EQ(public_key_of(*options.ssh.identity), "ssh-ed25519 AAAA user@laptop");
}

TEST_F(VmCredentials, CloudInitFilesNeedCloudInit) {
  options.ssh.identity = dir.write("id", "private");
  options.vm.cloud_init_user_data = dir.write("user-data", "#cloud-config\n");
  EXPECT_EQ(check_vm_options(options).error(), "--cloud-init-user-data and --cloud-init-network-config need --cloud-init");
}

}  // namespace
}  // namespace hallmark::runner::targets::qemu
