#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hallmark::runner::targets::qemu {

// A serial console's bytes made safe for a terminal and a report: carriage returns and
// terminal escape sequences (firmware menus draw with them) are dropped, and every other
// control byte but newline and tab becomes '?'.
std::string sanitised_console(std::string_view text);

// The last `count` lines of `text`.
std::string last_lines(std::string_view text, std::size_t count);

// Why the firmware will never boot anything, when its console (sanitised) says so: SeaBIOS
// found no bootable device, or OVMF gave up and opened its UEFI shell, where it waits forever.
std::optional<std::string> firmware_dead_end(std::string_view console);

}  // namespace hallmark::runner::targets::qemu
