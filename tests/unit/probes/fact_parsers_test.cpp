#include <gtest/gtest.h>

#include "probes/parsers/dpkg_status.hpp"
#include "probes/parsers/headed_files.hpp"
#include "probes/parsers/package_databases.hpp"
#include "probes/parsers/proc_net.hpp"

namespace hallmark::probes {
namespace {

TEST(DpkgStatus, OnlyInstalledStatesCount) {
  const auto packages = parsers::parse_dpkg_status(R"(Package: libc6
Status: install ok installed
Architecture: amd64
Version: 2.36-9+deb12u4
Description: GNU C Library
 multi-line description
 Version: not-a-field

Package: telnetd
Status: deinstall ok config-files
Version: 0.17-44

Package: foo
Status: install ok triggers-pending
Architecture: all
Version: 1:1.0~rc1-2
)");
  ASSERT_TRUE(packages.has_value()) << packages.error();
  ASSERT_EQ(packages->size(), 2u);
  EXPECT_EQ((*packages)[0].name, "libc6");
  EXPECT_EQ((*packages)[0].version, "2.36-9+deb12u4");
  EXPECT_EQ((*packages)[0].arch, "amd64");
  EXPECT_EQ((*packages)[1].name, "foo");
  EXPECT_EQ((*packages)[1].version, "1:1.0~rc1-2");
}

TEST(DpkgStatus, StanzaWithoutPackageIsAnErrorNamingItsFirstLine) {
  EXPECT_EQ(parsers::parse_dpkg_status("Package: a\nStatus: install ok installed\n\nStatus: install ok installed\nVersion: 1\n"),
            std::unexpected(std::string("line 4: stanza has no 'Package' field")));
}

TEST(DpkgStatus, BytesThatAreNotControlSyntaxAreAnErrorNamingTheLine) {
  EXPECT_EQ(parsers::parse_dpkg_status("Package: a\nnot a field\n"),
            std::unexpected(std::string("line 2: field name 'not a field' must be followed by a colon")));
  EXPECT_EQ(parsers::parse_dpkg_status(" continuation first\n"),
            std::unexpected(std::string("line 1: continuation line outside a field")));
  EXPECT_EQ(parsers::parse_dpkg_status(std::string_view("Package: a\nVer\0sion: 1\n", 23)),
            std::unexpected(std::string("line 2: NUL byte in a control file")));
  EXPECT_EQ(parsers::parse_dpkg_status("Package: a\n-Bad: x\n"), std::unexpected(std::string("line 2: invalid field name")));
}

TEST(DpkgStatus, EmptyDatabaseHoldsNoPackages) {
  const auto packages = parsers::parse_dpkg_status("");
  ASSERT_TRUE(packages.has_value());
  EXPECT_TRUE(packages->empty());
}

TEST(ApkInstalled, ReadsNameVersionArch) {
  const auto packages = parsers::parse_apk_installed("C:Q1abc=\nP:musl\nV:1.2.4_git20230717-r4\nA:x86_64\n\nP:busybox\nV:1.36.1-r15\nA:x86_64\n");
  ASSERT_TRUE(packages.has_value()) << packages.error();
  ASSERT_EQ(packages->size(), 2u);
  EXPECT_EQ((*packages)[0].version, "1.2.4_git20230717-r4");
  EXPECT_EQ((*packages)[1].name, "busybox");
}

TEST(ApkInstalled, BrokenLinesAndRecordsAreErrorsNamingTheLine) {
  EXPECT_EQ(parsers::parse_apk_installed("P:musl\ngarbage\n"), std::unexpected(std::string("line 2: not an \"X:value\" line")));
  EXPECT_EQ(parsers::parse_apk_installed("P:musl\n\nV:1.0\nA:x86_64\n"), std::unexpected(std::string("line 3: record has no 'P:' line")));
}

TEST(RpmQuery, DropsZeroEpoch) {
  const auto packages = parsers::parse_rpm_query("bash\t0:5.1.8-6.el9\tx86_64\nopenssl-libs\t1:3.0.7-25.el9\tx86_64\n");
  ASSERT_TRUE(packages.has_value()) << packages.error();
  ASSERT_EQ(packages->size(), 2u);
  EXPECT_EQ((*packages)[0].version, "5.1.8-6.el9");
  EXPECT_EQ((*packages)[1].version, "1:3.0.7-25.el9");
}

TEST(RpmQuery, LineThatIsNotThreeFieldsIsAnErrorNamingIt) {
  EXPECT_EQ(parsers::parse_rpm_query("bash\t0:5.1.8-6.el9\tx86_64\nerror: rpmdb open failed\n"),
            std::unexpected(std::string("line 2: not \"name<TAB>epoch:version-release<TAB>arch\"")));
}

TEST(ProcNet, DecodesIpv4ListenersInKernelByteOrder) {
  const auto sockets = parsers::parse_proc_net(
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
      "   0: 0100007F:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000   106        0 1 1 0 100 0 0 10 0\n"
      "   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0\n"
      "   2: 0100007F:0016 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0\n",
      contracts::Protocol::tcp, false);
  ASSERT_TRUE(sockets.has_value()) << sockets.error();
  ASSERT_EQ(sockets->size(), 3u);
  EXPECT_EQ((*sockets)[0].address, "127.0.0.1");
  EXPECT_EQ((*sockets)[0].port, 5432);
  EXPECT_TRUE((*sockets)[0].listening);
  EXPECT_EQ((*sockets)[1].address, "0.0.0.0");
  EXPECT_FALSE((*sockets)[2].listening);
}

TEST(ProcNet, DecodesIpv6AndMappedIpv4) {
  const auto sockets = parsers::parse_proc_net(
      "  sl  local_address                         remote_address                        st\n"
      "   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 0 0 0\n"
      "   1: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 0 0 0\n"
      "   2: 00000000000000000000000000000000:0035 00000000000000000000000000000000:0000 07 0 0 0\n",
      contracts::Protocol::udp, true);
  ASSERT_TRUE(sockets.has_value()) << sockets.error();
  EXPECT_EQ((*sockets)[0].address, "::1");
  EXPECT_FALSE((*sockets)[0].listening);  // 0A is not a UDP state
  EXPECT_EQ((*sockets)[1].address, "127.0.0.1");
  EXPECT_EQ((*sockets)[1].port, 8080);
  EXPECT_EQ((*sockets)[2].address, "::");
  EXPECT_TRUE((*sockets)[2].listening);
}

TEST(ProcNet, GarbageIsAnErrorNotAnEmptyTable) {
  EXPECT_FALSE(parsers::parse_proc_net("header\n 0: zz:yy 00:00 0A\n", contracts::Protocol::tcp, false).has_value());
}

// `head -v` of three sysctl files: a path that is a prefix of another keeps its own bytes, a
// multi-line value keeps its newlines, an empty file has "".
TEST(HeadedFiles, EachPathGetsItsOwnBytes) {
  const std::vector<std::string> paths{"/proc/sys/a", "/proc/sys/a/b", "/proc/sys/empty", "/proc/sys/c"};
  const auto contents = parsers::parse_headed_files("==> /proc/sys/a <==\n1\n\n==> /proc/sys/a/b <==\nx y\n\nz\n\n"
                                                    "==> /proc/sys/empty <==\n\n==> /proc/sys/c <==\n32768\t60999\n",
                                                    paths);
  ASSERT_TRUE(contents.has_value()) << contents.error();
  EXPECT_EQ(contents->at("/proc/sys/a"), "1\n");
  EXPECT_EQ(contents->at("/proc/sys/a/b"), "x y\n\nz\n");
  EXPECT_EQ(contents->at("/proc/sys/empty"), "");
  EXPECT_EQ(contents->at("/proc/sys/c"), "32768\t60999\n");
}

// A section missing, out of order, or output that is not head's is an error, never a value.
TEST(HeadedFiles, OutputThatIsNotEveryPathInOrderIsAnError) {
  const std::vector<std::string> paths{"/proc/sys/a", "/proc/sys/b"};
  EXPECT_FALSE(parsers::parse_headed_files("==> /proc/sys/a <==\n1\n", paths).has_value());
  EXPECT_FALSE(parsers::parse_headed_files("==> /proc/sys/b <==\n1\n\n==> /proc/sys/a <==\n2\n", paths).has_value());
  EXPECT_FALSE(parsers::parse_headed_files("head: invalid option -- 'v'\n", paths).has_value());
  EXPECT_FALSE(parsers::parse_headed_files("x", {}).has_value());
}

}  // namespace
}  // namespace hallmark::probes
