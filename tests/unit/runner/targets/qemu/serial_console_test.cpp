#include "runner/targets/qemu/serial_console.hpp"

#include <gtest/gtest.h>

namespace hallmark::runner::targets::qemu {
namespace {

TEST(SerialConsole, EscapeSequencesAndCarriageReturnsAreDroppedOtherControlBytesReplaced) {
  using namespace std::string_view_literals;
  EXPECT_EQ(sanitised_console("\x1b[2J\x1b[01;01HBdsDxe: loading\r\n\x1b" "cShell> \x07\x00x\tok\x7f\n"sv),
            std::string("BdsDxe: loading\nShell> ??x\tok?\n"));
}

TEST(SerialConsole, AnEscapeCutOffAtTheEndIsDropped) {
  EXPECT_EQ(sanitised_console("boot\x1b[1;3"), "boot");
  EXPECT_EQ(sanitised_console("boot\x1b"), "boot");
}

TEST(SerialConsole, UtfEightPassesThrough) { EXPECT_EQ(sanitised_console("Grüße\n"), "Grüße\n"); }

TEST(SerialConsole, LastLinesKeepsTheTail) {
  EXPECT_EQ(last_lines("a\nb\nc\n", 2), "b\nc\n");
  EXPECT_EQ(last_lines("a\nb\nc", 2), "b\nc\n");
  EXPECT_EQ(last_lines("", 2), "");
}

TEST(SerialConsole, SeaBiosWithoutBootableDeviceIsADeadEnd) {
  EXPECT_EQ(firmware_dead_end("Booting from Hard Disk...\nBoot failed: not a bootable disk\n\nNo bootable device.  Retrying in 0 seconds.\n"),
            "the BIOS found no bootable device");
}

TEST(SerialConsole, OvmfInItsShellIsADeadEnd) {
  EXPECT_EQ(firmware_dead_end("BdsDxe: failed to load Boot0001 \"UEFI Misc Device\"\nUEFI Interactive Shell v2.2\nEDK II\n"),
            "the UEFI firmware found nothing it could boot and opened its shell");
  EXPECT_EQ(firmware_dead_end("Press ESC in 1 seconds to skip startup.nsh or any other key to continue.\nShell> "),
            "the UEFI firmware found nothing it could boot and opened its shell");
}

TEST(SerialConsole, ABootingGuestIsNoDeadEnd) {
  EXPECT_EQ(firmware_dead_end("BdsDxe: failed to load Boot0002 \"UEFI PXEv4\"\nBdsDxe: starting Boot0001\nWelcome to GRUB!\n"), std::nullopt);
  EXPECT_EQ(firmware_dead_end(""), std::nullopt);
}

}  // namespace
}  // namespace hallmark::runner::targets::qemu
