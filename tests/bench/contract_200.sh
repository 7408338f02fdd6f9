#!/usr/bin/env bash
# Benchmark: wall time of a 200-clause contract against a running container (docker:NAME),
# against the time the same number of one-exec-per-check round trips would take.
# Usage: tests/bench/contract_200.sh [RUNS]   (after .ci/setup; prints a small table)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
runs=${1:-5}
image=$(tests/images/build-debian-image.sh | tail -n 1)
work=$(mktemp -d)
container="hallmark-bench-$$"
cleanup() { docker rm -f "$container" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
docker run -d --network none --name "$container" --entrypoint /bin/sh "$image" -c 'sleep infinity' >/dev/null

# 200 clauses over every fact kind: 80 packages, 50 files, 30 sysctls, 20 ports, 20 commands.
contract=$work/contract-200.toml
{
  printf '[contract]\nname = "bench-200"\nversion = "1.0.0"\n'
  docker exec "$container" dpkg-query -W -f '${Package}\n' | head -n 80 |
    while read -r name; do printf '\n[[package]]\nname = "%s"\n' "$name"; done
  docker exec "$container" sh -c 'ls -d /etc/* | head -n 50' |
    while read -r path; do printf '\n[[file]]\npath = "%s"\n' "$path"; done
  docker exec "$container" sh -c 'cd /proc/sys/kernel && for f in *; do [ -f "$f" ] && [ -r "$f" ] && cat "$f" >/dev/null 2>&1 && echo "$f"; done | head -n 30' |
    while read -r key; do printf '\n[[sysctl]]\nkey = "kernel.%s"\nmatches = ".*"\n' "$key"; done
  for port in $(seq 10001 10020); do printf '\n[[port]]\nclosed = "tcp/%s"\n' "$port"; done
  for i in $(seq 1 20); do printf '\n[[command]]\nid = "cmd-%s"\nrun = "echo %s"\nstdout_contains = ["%s"]\n' "$i" "$i" "$i"; done
} >"$contract"
clauses=$(grep -c '^\[\[' "$contract")

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_it() {
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
  done | median
}

hallmark=$(time_it build/hallmark run --target "docker:$container" "$contract")
one_exec=$(time_it docker exec "$container" true)
echo "clauses: $clauses"
echo "hallmark run, ${clauses} clauses, docker:NAME (median of $runs): ${hallmark} s"
echo "one docker exec round trip (median of $runs): ${one_exec} s"
echo "one exec per clause would take about: $(awk -v t="$one_exec" -v n="$clauses" 'BEGIN { printf "%.1f", t * n }') s"
