#!/bin/sh
# shellcheck disable=SC2154 # hm_tmp is set by prelude.sh's hm_need_tmp
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Arguments: JOBS, then triples (p|s, timeout seconds, command). Commands marked p run up to
# JOBS at once; those marked s (parallel = false) run alone, one after another, afterwards.
# Records per command, in argument order: command, exit, timed_out (0|1), stdout, stderr
# (each capped at 1 MiB). Each command runs with /dev/null as stdin and the image's own locale.
jobs=$1; shift
hm_need_tmp

# The timeout is decided by whoever stops the command, never read from an exit status (busybox
# `timeout` returns the child's status; a command may exit 124 by itself): the command runs
# under a wrapper shell whose TERM trap leaves the marker file ($1) and stops it. `timeout`
# (GNU or busybox) sends that TERM, GNU's to the whole process group; without one, the wrapper
# keeps its own watchdog ($3 seconds).
# shellcheck disable=SC2016 # expanded by the wrapper shell, not here
wrapper='trap ": >\"\$1\"; kill \$c \$w 2>/dev/null; exit 143" TERM
c=; w=; if [ -n "$3" ]; then (sleep "$3"; kill -TERM $$) </dev/null >/dev/null 2>&1 & w=$!; fi
eval "$2" & c=$!; wait $c; s=$?; [ -z "$w" ] || kill $w 2>/dev/null; exit $s'
if command -v timeout >/dev/null 2>&1; then hm_timeout=1; else hm_timeout=0; fi

# run_one INDEX SECONDS COMMAND: its output and exit status go to $hm_tmp/INDEX.*.
run_one() {
  (
    hm_caller_locale
    if [ "$hm_timeout" = 1 ]; then exec timeout -k 5 "$2" sh -c "$wrapper" hm "$hm_tmp/$1.late" "$3" ""; fi
    exec sh -c "$wrapper" hm "$hm_tmp/$1.late" "$3" "$2"
  ) </dev/null >"$hm_tmp/$1.out" 2>"$hm_tmp/$1.err"
  echo "$?" >"$hm_tmp/$1.rc"
}

# each_command FUNCTION ARGS...: FUNCTION INDEX MODE SECONDS COMMAND for each triple of ARGS.
each_command() {
  hm_fn=$1; shift; i=0
  while [ $# -ge 3 ]; do i=$((i + 1)); "$hm_fn" "$i" "$1" "$2" "$3"; shift 3; done
}

# Pass 1: the commands that may overlap, at most $jobs at a time (the oldest is waited for).
start_parallel() {
  [ "$2" = p ] || return 0
  if [ "$n" -ge "$jobs" ]; then wait "${running%% *}"; running=${running#* }; n=$((n - 1)); fi
  run_one "$1" "$3" "$4" &
  running="$running$! "; n=$((n + 1))
}
running=; n=0
each_command start_parallel "$@"
wait

# Pass 2: the commands that must not overlap with any other.
run_serial() { if [ "$2" = s ]; then run_one "$1" "$3" "$4"; fi; }
each_command run_serial "$@"

# Pass 3: the records, in argument order.
emit_records() {
  emit command "$4"
  rc=; read -r rc <"$hm_tmp/$1.rc" 2>/dev/null
  emit exit "$rc"
  if [ -e "$hm_tmp/$1.late" ]; then emit timed_out 1; else emit timed_out 0; fi
  emit_stable stdout "$hm_tmp/$1.out" 1048576
  emit_stable stderr "$hm_tmp/$1.err" 1048576
}
each_command emit_records "$@"
emit end ""
