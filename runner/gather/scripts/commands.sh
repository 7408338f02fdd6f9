#!/bin/sh
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Arguments: pairs of (timeout seconds, command). Records per command: command, exit,
# timed_out (0|1), stdout, stderr (each capped at 1 MiB).
d=$(mktemp -d) || exit 97
trap 'rm -rf "$d"' EXIT
while [ $# -ge 2 ]; do
  t=$1; c=$2; shift 2
  emit command "$c"
  if command -v timeout >/dev/null 2>&1; then
    timeout -k 5 "$t" sh -c "$c" </dev/null >"$d/out" 2>"$d/err"; rc=$?
    emit exit "$rc"
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then emit timed_out 1; else emit timed_out 0; fi
  else
    sh -c "$c" </dev/null >"$d/out" 2>"$d/err"; rc=$?
    emit exit "$rc"; emit timed_out 0
  fi
  emit_file stdout "$d/out" 1048576
  emit_file stderr "$d/err" 1048576
done
emit end ""
