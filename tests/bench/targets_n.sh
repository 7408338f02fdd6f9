#!/usr/bin/env bash
# Benchmark: N `docker-image:` targets in one run against one, with the example contract.
# Usage: tests/bench/targets_n.sh [N] [RUNS]   (after .ci/setup; extra hallmark options in
# HALLMARK_OPTIONS, e.g. HALLMARK_OPTIONS="--parallel 4")
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
n=${1:-10}
runs=${2:-5}
image=$(tests/images/build-debian-image.sh | tail -n 1)
contract=contracts/examples/debian12-base.toml
targets=()
for _ in $(seq "$n"); do targets+=(--target "docker-image:$image"); done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_it() {
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N); build/hallmark run ${HALLMARK_OPTIONS:-} "$@" "$contract" >/dev/null 2>&1 || true; end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
  done | median
}
one=$(time_it --target "docker-image:$image")
many=$(time_it "${targets[@]}")
echo "1 target: $one s; $n targets: $many s (median of $runs) = $(awk -v a="$one" -v b="$many" 'BEGIN { printf "%.1f", b / a }')x one"
