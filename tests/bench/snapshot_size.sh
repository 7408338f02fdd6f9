#!/usr/bin/env bash
# Benchmark: time and size of a full snapshot of the Debian 12 minbase test image: every
# installed package, and every shared library under /usr/lib/x86_64-linux-gnu.
# Usage: tests/bench/snapshot_size.sh [RUNS]   (after .ci/setup)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
runs=${1:-3}
image=$(tests/images/build-debian-image.sh | tail -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=tests/bench/lib.sh
source tests/bench/lib.sh
median=$(time_it build/hallmark snapshot --target "docker-image:$image" --libraries /usr/lib/x86_64-linux-gnu \
  -o "$work/snapshot.json")
packages=$(grep -c '"name":' "$work/snapshot.json" || true)
echo "snapshot of $image with /usr/lib/x86_64-linux-gnu (median of $runs): ${median} s"
echo "snapshot size: $(stat -c %s "$work/snapshot.json") bytes ($(gzip -c "$work/snapshot.json" | wc -c) gzipped), ${packages} named entries"
