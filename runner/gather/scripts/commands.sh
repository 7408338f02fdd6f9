#!/bin/sh
# shellcheck disable=SC2154 # hm_tmp (hm_need_tmp) and nl are set by prelude.sh
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Arguments: JOBS, STREAM_CAP, BLOB_CAP, then triples (p|s, timeout seconds, command). Commands
# marked p run up to JOBS at once; those marked s (parallel = false) run alone, one after
# another, afterwards.
# Records: when every stream fits in BLOB_CAP bytes together and none changed while read,
# `sizes` (wc -c of the streams, stdout then stderr of each command in argument order) and
# `blob` (those streams end to end). Then per command, in argument order: command, exit,
# timed_out (0|1), and, without a blob, stdout and stderr (each cut at STREAM_CAP, followed by a
# `truncated` record when longer).
#
# A command costs one process of hallmark's: a background subshell that `eval`s its text, with
# /dev/null as stdin, its streams in files and the image's own locale. Its exit status is what
# `wait` reports for that subshell (so `exit` and `exec` in a command are exact). Timeouts are
# kept by one watchdog for all commands; whether a command timed out is decided by the watchdog
# that stopped it, never read from an exit status (a command may exit 124 by itself).
jobs=$1; stream_cap=$2; blob_cap=$3; shift 3
hm_need_tmp
[ -r /proc/uptime ] || hm_fail "commands need /proc: their timeouts are kept with /proc/uptime and /proc/PID/stat"

# hm_clock: sets hm_now to the time since boot in hundredths of a second, without a process.
hm_clock() {
  IFS=' ' read -r hm_up _ </proc/uptime
  hm_now=$((${hm_up%.*} * 100 + 1${hm_up#*.} - 100))
}

# hm_finished PID: true when PID has ended (gone, or a zombie its parent has not waited for).
hm_finished() {
  IFS= read -r hm_st <"/proc/$1/stat" 2>/dev/null || return 0
  case ${hm_st##*) } in Z* | X*) return 0 ;; esac
  return 1
}

# hm_kill_tree SIGNAL PID: SIGNAL to PID and to every process descended from it, found through
# the parent ids in /proc/*/stat (a command has no process group of its own: job control needs
# a terminal). A process forked after the last pass escapes TERM; KILL looks again.
hm_kill_tree() {
  hm_sig=$1; hm_tree=" $2 "; hm_grew=1
  while [ "$hm_grew" = 1 ]; do
    hm_grew=0
    for hm_f in /proc/[0-9]*/stat; do
      IFS= read -r hm_st <"$hm_f" 2>/dev/null || continue
      hm_p=${hm_st%% *}; hm_pp=${hm_st##*) }; hm_pp=${hm_pp#* }; hm_pp=${hm_pp%% *}
      case $hm_tree in *" $hm_p "*) continue ;; esac
      case $hm_tree in *" $hm_pp "*) hm_tree="$hm_tree$hm_p "; hm_grew=1 ;; esac
    done
  done
  # shellcheck disable=SC2086 # a list of process ids
  kill -s "$hm_sig" $hm_tree 2>/dev/null
}

# watchdog: reads "INDEX PID DEADLINE" lines from $hm_tmp/started as commands start; a command
# still running at its deadline gets its `.late` marker, then TERM, and KILL 5 s later. One
# already waited for (its `.rc` is written) is forgotten; /proc is read only at a deadline.
watchdog() {
  tick=0.1; sleep "$tick" 2>/dev/null || tick=1  # busybox without fractional sleep
  exec 4<"$hm_tmp/started"
  pending=; partial=
  while sleep "$tick"; do
    # Lines written since the last tick; a line still being written waits for the next one.
    while IFS= read -r line <&4; do pending="$pending $partial$line 0"; partial=; done
    partial=$partial$line
    hm_clock
    # shellcheck disable=SC2086 # quadruples of numbers
    set -- $pending
    pending=
    while [ $# -ge 4 ]; do
      i=$1; pid=$2; deadline=$3; stopped=$4; shift 4
      [ -e "$hm_tmp/$i.rc" ] && continue  # waited for
      if [ "$stopped" = 0 ] && [ "$hm_now" -ge "$deadline" ]; then
        hm_finished "$pid" && continue
        : >"$hm_tmp/$i.late"; hm_kill_tree TERM "$pid"; stopped=$hm_now
      elif [ "$stopped" != 0 ] && [ "$hm_now" -ge $((stopped + 500)) ]; then
        hm_finished "$pid" && continue
        hm_kill_tree KILL "$pid"
      fi
      pending="$pending $i $pid $deadline $stopped"
    done
  done
}

# start INDEX SECONDS COMMAND: the command in the background, announced to the watchdog.
start() {
  (
    hm_cmd=$3; set --
    hm_caller_locale
    eval "$hm_cmd"
  ) </dev/null >"$hm_tmp/$1.out" 2>"$hm_tmp/$1.err" &
  hm_clock
  echo "$1 $! $((hm_now + $2 * 100))" >>"$hm_tmp/started"
}

# finish INDEX PID: waits for the command and keeps its exit status.
finish() { wait "$2"; echo "$?" >"$hm_tmp/$1.rc"; }

# each_command FUNCTION ARGS...: FUNCTION INDEX MODE SECONDS COMMAND for each triple of ARGS.
each_command() {
  hm_fn=$1; shift; i=0
  while [ $# -ge 3 ]; do i=$((i + 1)); "$hm_fn" "$i" "$1" "$2" "$3"; shift 3; done
}

: >"$hm_tmp/started"
watchdog </dev/null >/dev/null 2>&1 &
hm_watchdog=$!

# Pass 1: the commands that may overlap, at most $jobs at a time (the oldest is waited for).
# $running holds "INDEX:PID " entries.
finish_oldest() {
  e=${running%% *}; running=${running#* }; n=$((n - 1))
  finish "${e%%:*}" "${e#*:}"
}
start_parallel() {
  [ "$2" = p ] || return 0
  if [ "$n" -ge "$jobs" ]; then finish_oldest; fi
  start "$1" "$3" "$4"
  running="$running$1:$! "; n=$((n + 1))
}
running=; n=0
each_command start_parallel "$@"
while [ -n "$running" ]; do finish_oldest; done

# Pass 2: the commands that must not overlap with any other.
run_serial() { if [ "$2" = s ]; then start "$1" "$3" "$4"; finish "$1" "$!"; fi; }
each_command run_serial "$@"
kill "$hm_watchdog" 2>/dev/null

# Pass 3: every stream in one blob, when they fit and held still: a process left behind by a
# command may still write to its files, so their sizes must be the same after the copy as
# before, and the copy as long as they are together. Otherwise each stream is sent alone.
cd "$hm_tmp" || hm_fail "cannot enter $hm_tmp"
streams=; count=0
add_streams() { streams="$streams $1.out $1.err"; count=$((count + 2)); }
each_command add_streams "$@"
# hm_number TEXT: sets hm_n to TEXT (digits, maybe padded with spaces), or fails.
hm_number() { case $1 in *[!0-9\ ]* | *[0-9]\ *[0-9]*) return 1 ;; *[0-9]*) hm_n=$(($1)) ;; *) return 1 ;; esac; }
blob=0
# shellcheck disable=SC2086 # $streams is a list of hallmark's own file names
if [ "$count" -gt 0 ] && sizes=$(wc -c -- $streams 2>/dev/null) && total=${sizes##*"$nl"} &&
   hm_number "${total% total}" && total=$hm_n && [ "$total" -le "$blob_cap" ] &&
   cat -- $streams >blob 2>/dev/null && [ "$(wc -c -- $streams 2>/dev/null)" = "$sizes" ] &&
   hm_number "$(wc -c <blob)" && [ "$hm_n" = "$total" ]; then
  blob=1
  emit sizes "$sizes"
  printf '@hallmark blob %s\n' "$total"; cat blob; printf '\n'
fi

emit_records() {
  emit command "$4"
  rc=; read -r rc <"$1.rc" 2>/dev/null
  emit exit "$rc"
  if [ -e "$1.late" ]; then emit timed_out 1; else emit timed_out 0; fi
  if [ "$blob" = 0 ]; then
    emit_stable stdout "$1.out" "$stream_cap"
    emit_stable stderr "$1.err" "$stream_cap"
  fi
}
each_command emit_records "$@"
emit end ""
