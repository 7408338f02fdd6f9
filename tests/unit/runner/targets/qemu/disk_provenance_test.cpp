#include "runner/targets/qemu/disk_provenance.hpp"

#include <gtest/gtest.h>

#include "runner/transports/process.hpp"
#include "support/temp_dir.hpp"
#include "util/sha256.hpp"

namespace hallmark::runner::targets::qemu {
namespace {

using namespace std::chrono_literals;

TEST(DiskProvenance, PropertiesNameTheDiskAndEachBackingFile) {
  const DiskIdentity disk{{{"/images/top.qcow2", "qcow2", 2147483648}, {"/images/base.raw", "raw", 2147483648}}, {"aaaa", "bbbb"}};
  EXPECT_EQ(disk_properties(disk), (Properties{{"disk.format", "qcow2"},
                                               {"disk.virtual_size", "2147483648"},
                                               {"disk.sha256", "aaaa"},
                                               {"disk.backing.1", "/images/base.raw format=raw sha256:bbbb"}}));
}

TEST(DiskProvenance, UnknownSizeIsSaid) {
  const DiskIdentity disk{{{"/images/root.img", "raw", 0}}, {"aaaa"}};
  EXPECT_EQ(disk_properties(disk)[1], (std::pair<std::string, std::string>{"disk.virtual_size", "unknown"}));
}

TEST(DiskProvenance, MissingDiskIsNamed) {
  EXPECT_EQ(identify_disk("/images/none.qcow2").error(), "no disk image /images/none.qcow2");
}

// Needs qemu-img (the VM tooling), hence the Vm prefix.
TEST(VmDiskProvenance, AQcow2OverlayIsHashedWithItsBackingFile) {
  const testing::TempDir dir;
  const std::string base = dir.write("base.raw", std::string(1 << 20, 'x'));
  const std::string top = (dir.path() / "top.qcow2").string();
  const auto made = transports::run_process({"qemu-img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b", base, top}, {}, 60s);
  ASSERT_TRUE(made && made->exit_code == 0) << (made ? made->err : made.error());
  const auto disk = identify_disk(top);
  ASSERT_TRUE(disk.has_value()) << disk.error();
  ASSERT_EQ(disk->chain.size(), 2u);
  EXPECT_EQ(disk->chain[0].filename, top);
  EXPECT_EQ(disk->chain[0].format, "qcow2");
  EXPECT_EQ(disk->chain[0].virtual_size, 1u << 20);
  EXPECT_EQ(disk->chain[1].format, "raw");
  EXPECT_EQ(disk->sha256[0], util::sha256_file_hex(top).value());
  EXPECT_EQ(disk->sha256[1], util::sha256_hex(std::string(1 << 20, 'x')));
}

TEST(VmDiskProvenance, QemuVersionIsTheNumberAndPackage) {
  const std::string version = qemu_version();
  EXPECT_NE(version, "unknown");
  EXPECT_FALSE(version.starts_with("QEMU")) << version;
}

}  // namespace
}  // namespace hallmark::runner::targets::qemu
