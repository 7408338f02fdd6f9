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
# shellcheck source=tests/bench/lib.sh
source tests/bench/lib.sh
# shellcheck disable=SC2086 # HALLMARK_OPTIONS is split into options on purpose
one=$(time_it build/hallmark run ${HALLMARK_OPTIONS:-} --target "docker-image:$image" "$contract")
# shellcheck disable=SC2086
many=$(time_it build/hallmark run ${HALLMARK_OPTIONS:-} "${targets[@]}" "$contract")
echo "1 target: $one s; $n targets: $many s (median of $runs) = $(awk -v a="$one" -v b="$many" 'BEGIN { printf "%.1f", b / a }')x one"
