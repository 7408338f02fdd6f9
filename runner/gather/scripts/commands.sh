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

# emit_output FIELD FILE: a command's output, cut at 1 MiB (a "truncated" record follows). The
# file is hallmark's own, so its size is read once; an empty one costs no process.
emit_output() {
  if [ ! -s "$2" ]; then emit "$1" ""; return; fi
  n=$(wc -c <"$2"); n=$((n + 0)); t=0
  if [ "$n" -gt 1048576 ]; then n=1048576; t=1; fi
  printf '@hallmark %s %s\n' "$1" "$n"; head -c "$n" -- "$2"; printf '\n'
  if [ "$t" = 1 ]; then emit truncated "$1"; fi
}

# Pass 1: the commands that may overlap, at most $jobs at a time (the oldest is waited for).
i=0; f=0; running=; n=0
for a do
  case $f in
    0) mode=$a; f=1 ;;
    1) t=$a; f=2 ;;
    *)
      f=0; i=$((i + 1))
      if [ "$mode" = p ]; then
        if [ "$n" -ge "$jobs" ]; then wait "${running%% *}"; running=${running#* }; n=$((n - 1)); fi
        run_one "$i" "$t" "$a" &
        running="$running$! "; n=$((n + 1))
      fi
      ;;
  esac
done
wait

# Pass 2: the commands that must not overlap with any other.
i=0; f=0
for a do
  case $f in
    0) mode=$a; f=1 ;;
    1) t=$a; f=2 ;;
    *) f=0; i=$((i + 1)); if [ "$mode" = s ]; then run_one "$i" "$t" "$a"; fi ;;
  esac
done

# Pass 3: the records, in argument order.
i=0; f=0
for a do
  case $f in
    0) f=1 ;;
    1) f=2 ;;
    *)
      f=0; i=$((i + 1))
      emit command "$a"
      rc=; read -r rc <"$hm_tmp/$i.rc" 2>/dev/null
      emit exit "$rc"
      if [ -e "$hm_tmp/$i.late" ]; then emit timed_out 1; else emit timed_out 0; fi
      emit_output stdout "$hm_tmp/$i.out"
      emit_output stderr "$hm_tmp/$i.err"
      ;;
  esac
done
emit end ""
