# shellcheck shell=bash
# Sourced by the benchmarks: timing helpers. Not run directly.

# The median of the numbers on stdin, one a line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# The median wall time in seconds of $runs runs of the command given, its output discarded.
# shellcheck disable=SC2154 # runs is set by the benchmark that sources this file
time_it() {
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
  done | median
}
