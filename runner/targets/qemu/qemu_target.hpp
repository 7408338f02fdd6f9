#pragma once

#include "runner/targets/target_spec.hpp"

namespace hallmark::runner::targets::qemu {

// `qemu:DISK` (qcow2, raw, or anything else qemu-img recognises): boots a throw-away VM from the
// disk with qemu-system-x86_64 (-snapshot: the disk is never written; KVM when the host has
// hardware virtualisation, else TCG), waits for SSH on a forwarded 127.0.0.1 port (the VM's
// host key is accepted on first sight, kept for the run only, and its fingerprint printed),
// and kills the VM when the target is destroyed or a signal arrives. Fails, with the last
// lines of the serial console, when qemu exits or SSH does not answer within the boot timeout.
OpenResult boot_vm(const TargetSpec& spec, const TargetOptions& options);

}  // namespace hallmark::runner::targets::qemu
