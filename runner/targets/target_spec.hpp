#pragma once

#include <chrono>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "probes/fact_error.hpp"
#include "runner/targets/target.hpp"
#include "runner/transports/ssh_options.hpp"

namespace hallmark::runner::targets {

// "KIND:REFERENCE" from --target; the reference is everything after the first ':'
// ("docker-image:registry.local/app:1.2"), and some kinds take none ("local").
struct TargetSpec {
  std::string kind;
  std::string reference;
  std::string text;
};

// How to boot a container target.
enum class BootMode {
  keep_alive,     // replace the image's entrypoint with a command that idles until removed
  image_command,  // run the image's own entrypoint and command (service images)
};

// Whether a container target's image is pulled from its registry before booting.
enum class PullPolicy {
  never,    // only a local image (the default: what is certified is what was built here)
  missing,  // pull when there is no local image of that name
  always,   // pull, so the registry's current image for the reference is what is tested
};

// The firmware a VM boots its disk with: SeaBIOS, OVMF, or OVMF with Secure Boot and
// Microsoft's keys enrolled.
enum class VmFirmware { bios, uefi, uefi_secure };

// How to boot a VM target (qemu:DISK).
struct VmOptions {
  std::optional<std::string> kernel;  // boot this kernel directly instead of the disk's loader
  std::optional<std::string> initrd;
  std::optional<std::string> append;  // kernel command line
  std::string user = "root";          // the guest account to log in as
  bool cloud_init = false;            // inject an ephemeral key through a NoCloud seed
  std::optional<std::string> cloud_init_user_data;       // replaces hallmark's user-data in the seed
  std::optional<std::string> cloud_init_network_config;  // added to the seed as network-config
  VmFirmware firmware = VmFirmware::bios;
  std::optional<std::string> cpu;  // qemu -cpu model; default host under KVM, max under TCG
  int memory_mib = 1024;
  std::chrono::seconds boot_timeout{600};  // generous: TCG is slow
};

struct TargetOptions {
  BootMode boot = BootMode::keep_alive;
  PullPolicy pull = PullPolicy::never;
  std::chrono::milliseconds settle{0};  // wait after booting before the first probe
  transports::SshOptions ssh;
  VmOptions vm;
};

// A target, or why it could not be opened: infrastructure trouble by default; deterministic where
// the image itself is the cause (a service image whose command exits at once).
using OpenResult = std::expected<std::unique_ptr<Target>, probes::FactError>;

// One kind of target: how its reference is checked and how it is opened.
struct TargetKind {
  std::string_view name;
  bool needs_reference;
  std::string_view summary;  // for --help and errors
  OpenResult (*open)(const TargetSpec&, const TargetOptions&);
  // Checks the options before anything boots (a usage error when it fails); none for most kinds.
  std::expected<void, std::string> (*check)(const TargetOptions&) = nullptr;
};

// The kinds --target accepts, in the order --help lists them.
const std::vector<TargetKind>& target_kinds();

// Splits and checks --target text against the known kinds.
std::expected<TargetSpec, std::string> parse_target_spec(std::string_view text);

// parse_target_spec, then the kind's check of `options` (target_kinds()'s `check`): either is a
// usage error known before booting, "TARGET: why" for the second.
std::expected<TargetSpec, std::string> parse_usable_target(std::string_view text, const TargetOptions& options);

// Boots or attaches to the target. Fails with the reason (exit 3 territory).
OpenResult open_target(const TargetSpec& spec, const TargetOptions& options);

}  // namespace hallmark::runner::targets
