#!/usr/bin/env bash
# Builds the libFuzzer harnesses in build-fuzz/ (clang-16, ASan, UBSan; HALLMARK_FUZZ=ON) and runs
# each for SECONDS (default 20), starting from the seed
# corpus in tests/data/fuzz/<harness>/. New inputs go to a scratch corpus, never into the
# repository; a crash, leak, sanitizer report or slow input stops the run with its reproducer in
# build-fuzz/findings/. Prints executions per harness. Usage: tests/fuzz/run.sh [SECONDS [HARNESS...]]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
seconds=${1:-20}
shift || true
cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER="${HALLMARK_FUZZ_CXX:-clang++-16}" -DHALLMARK_FUZZ=ON >/dev/null
ninja -C build-fuzz >/dev/null
build="build-fuzz/tests/fuzz"
if (($# == 0)); then
  mapfile -t harnesses < <(find "$build" -maxdepth 1 -name '*_fuzzer' -type f -executable -printf '%f\n' | sort)
else
  harnesses=("$@")
fi
findings="build-fuzz/findings"
mkdir -p "$findings"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0
for harness in "${harnesses[@]}"; do
  mkdir -p "$scratch/$harness"
  log="$findings/$harness.log"
  # -timeout: one input taking over 10 s is a finding (quadratic paths); -rss_limit_mb: so is memory.
  if "$build/$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$findings/$harness-" "$scratch/$harness" "tests/data/fuzz/$harness" >"$log" 2>&1; then
    status=ok
  else
    status=FAILED
    failed=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  printf '%-28s %-6s %10s executions in %s s\n' "$harness" "$status" "${runs:-?}" "$seconds"
  [ "$status" = ok ] || tail -40 "$log" >&2
done
exit "$failed"
