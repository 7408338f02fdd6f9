#include "runner/targets/target_spec.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "runner/targets/container_target.hpp"
#include "runner/targets/local_target.hpp"
#include "runner/targets/qemu/qemu_target.hpp"
#include "runner/targets/qemu/vm_credentials.hpp"
#include "runner/targets/ssh_target.hpp"

namespace hallmark::runner::targets {

const std::vector<TargetKind>& target_kinds() {
  static const std::vector<TargetKind> kinds{
      {"docker-image", true, "boot a fresh container from a local Docker image, removed afterwards",
       [](const TargetSpec& spec, const TargetOptions& options) { return boot_container("docker", spec, options); }},
      {"docker", true, "attach to a running Docker container, left running",
       [](const TargetSpec& spec, const TargetOptions&) { return attach_container("docker", spec); }},
      {"podman-image", true, "boot a fresh container from a local Podman image, removed afterwards",
       [](const TargetSpec& spec, const TargetOptions& options) { return boot_container("podman", spec, options); }},
      {"podman", true, "attach to a running Podman container, left running",
       [](const TargetSpec& spec, const TargetOptions&) { return attach_container("podman", spec); }},
      {"ssh", true, "an SSH host, reached with libssh; left running", open_ssh},
      {"qemu", true, "boot a throw-away VM from a qcow2/raw disk with qemu, reached over SSH; killed afterwards", qemu::boot_vm,
       qemu::check_vm_options},
      {"local", false, "this machine", [](const TargetSpec& spec, const TargetOptions&) { return open_local(spec); }},
  };
  return kinds;
}

namespace {

std::vector<TargetKind>::const_iterator find_kind(std::string_view name) {
  return std::ranges::find_if(target_kinds(), [&](const TargetKind& kind) { return kind.name == name; });
}

}  // namespace

std::expected<TargetSpec, std::string> parse_target_spec(std::string_view text) {
  const auto colon = text.find(':');
  TargetSpec spec{std::string(text.substr(0, colon)),
                  colon == std::string_view::npos ? "" : std::string(text.substr(colon + 1)), std::string(text)};
  const auto kind = find_kind(spec.kind);
  if (kind == target_kinds().end()) {
    std::string known;
    for (const TargetKind& k : target_kinds()) known += fmt::format("\n  {}{}  {}", k.name, k.needs_reference ? ":REF" : "", k.summary);
    return std::unexpected(fmt::format("unknown target \"{}\"; targets are:{}", text, known));
  }
  if (kind->needs_reference && spec.reference.empty()) {
    return std::unexpected(fmt::format("target \"{}\" needs a reference after the colon, like {}:NAME", text, kind->name));
  }
  if (!kind->needs_reference && colon != std::string_view::npos) {
    return std::unexpected(fmt::format("target \"{}\" takes no reference; write just \"{}\"", text, kind->name));
  }
  return spec;
}

std::expected<TargetSpec, std::string> parse_usable_target(std::string_view text, const TargetOptions& options) {
  auto spec = parse_target_spec(text);
  if (!spec) return spec;
  const auto kind = find_kind(spec->kind);
  if (kind->check == nullptr) return spec;
  if (auto checked = kind->check(options); !checked) return std::unexpected(fmt::format("{}: {}", spec->text, checked.error()));
  return spec;
}

OpenResult open_target(const TargetSpec& spec, const TargetOptions& options) {
  return find_kind(spec.kind)->open(spec, options);
}

}  // namespace hallmark::runner::targets
