#pragma once

#include <chrono>
#include <expected>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runner/target.hpp"

namespace hallmark::runner {

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

struct TargetOptions {
  BootMode boot = BootMode::keep_alive;
  std::chrono::milliseconds settle{0};  // wait after booting before the first probe
};

using OpenResult = std::expected<std::unique_ptr<Target>, std::string>;

// One kind of target: how its reference is checked and how it is opened.
struct TargetKind {
  std::string_view name;
  bool needs_reference;
  std::string_view summary;  // for --help and errors
  OpenResult (*open)(const TargetSpec&, const TargetOptions&);
};

// The kinds --target accepts, in the order --help lists them.
const std::vector<TargetKind>& target_kinds();

// Splits and checks --target text against the known kinds.
std::expected<TargetSpec, std::string> parse_target_spec(std::string_view text);

// Boots or attaches to the target. Fails with the reason (exit 3 territory).
OpenResult open_target(const TargetSpec& spec, const TargetOptions& options);

}  // namespace hallmark::runner
