#pragma once

#include <string>
#include <utility>
#include <vector>

namespace hallmark::probes {

// What identifies the system a run or a snapshot read, and the run itself: targets fill it in
// when they boot or attach, snapshots save it, reports print it for the auditor.
struct Provenance {
  std::string target;    // the target spec as given, e.g. "docker-image:core:12.5"
  std::string image;     // image reference or disk path, when there is one
  std::string image_id;  // content id, e.g. "sha256:..."
  std::vector<std::string> image_digests;  // repository digests, where the image has any
  std::string hostname;  // of the machine that ran hallmark
  std::string host_key;  // a booted VM's SSH host key, as accepted for the run ("ED25519 key SHA256:...")
  // What else identifies the target, as (name, value) in a fixed order, e.g. a VM's
  // ("disk.sha256", "..."), ("qemu.cpu", "max"); reports print each as target.NAME.
  std::vector<std::pair<std::string, std::string>> properties;
  std::string taken_at;  // ISO 8601 UTC, e.g. "2026-11-24T12:00:00Z" (snapshots)
  std::string hallmark_version;
};

}  // namespace hallmark::probes
