#!/usr/bin/env bash
# Benchmark: a 10,000-clause contract (88 packages with versions, 5,000 files, 800 sysctls, the
# rest commands) against one running container: wall time and hallmark's peak resident memory.
# Usage: tests/bench/contract_10k.sh [RUNS]   (after .ci/setup)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
runs=${1:-5}
image=$(tests/images/build-debian-image.sh | tail -n 1)
work=$(mktemp -d)
container="hallmark-bench10k-$$"
cleanup() { docker rm -f "$container" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
docker run -d --network none --name "$container" --entrypoint /bin/sh "$image" -c 'sleep infinity' >/dev/null

contract=$work/contract-10k.toml
{
  printf '[contract]\nname = "bench-10k"\nversion = "1.0.0"\n'
  docker exec "$container" dpkg-query -W -f '${Package}\t${Version}\n' | head -n 88 |
    while IFS=$'\t' read -r name version; do printf '\n[[package]]\nname = "%s"\nversion = ">= %s"\n' "$name" "$version"; done
  docker exec "$container" sh -c 'find /usr /etc -xdev -type f 2>/dev/null | head -n 5000' |
    while read -r path; do printf '\n[[file]]\npath = "%s"\n' "$path"; done
  # Keys the kernel lets root read (an unset stable_secret answers EIO), so that the run passes.
  docker exec "$container" sh -c 'cd /proc/sys && for f in $(find . -type f -perm -u+r); do cat "$f" >/dev/null 2>&1 && echo "$f"; done |
      sed "s|^\./||; s|/|.|g" | head -n 800' |
    while read -r key; do printf '\n[[sysctl]]\nkey = "%s"\nmatches = ".*"\n' "$key"; done
} >"$contract"
have=$(grep -c '^\[\[' "$contract")
for i in $(seq 1 $((10000 - have))); do printf '\n[[command]]\nid = "cmd-%s"\nrun = "echo %s"\nstdout_contains = ["%s"]\n' "$i" "$i" "$i"; done >>"$contract"
clauses=$(grep -c '^\[\[' "$contract")

# shellcheck source=tests/bench/lib.sh
source tests/bench/lib.sh
status=0
for _ in $(seq "$runs"); do
  /usr/bin/time -f '%e %M' -o "$work/time" build/hallmark run --target "docker:$container" "$contract" >"$work/out" 2>&1 || status=$?
  tail -n 1 "$work/time"  # after "Command exited with non-zero status N", if it did
done >"$work/times"
echo "clauses: $clauses (last exit $status: $(grep '^hallmark: .* clauses' "$work/out" || true))"
echo "wall (median of $runs): $(cut -d' ' -f1 "$work/times" | median) s"
echo "peak RSS (median of $runs): $(cut -d' ' -f2 "$work/times" | median | awk '{ printf "%.0f", $1 / 1024 }') MiB"
