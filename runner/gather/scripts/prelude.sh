#!/bin/sh
# hallmark gather prelude: defined before every gather script. Records are framed
# "@hallmark FIELD LENGTH\n", LENGTH bytes of value, "\n" (see framed_records.hpp).
# Written for POSIX sh and checked under dash, bash and busybox sh.

# hallmark's own tools run in the C locale (byte lengths, untranslated messages); the caller's
# LC_ALL is kept so that contract commands run in the locale the image uses (hm_caller_locale).
if [ "${LC_ALL+set}" = set ]; then hm_lc_all=$LC_ALL; hm_lc_set=1; else hm_lc_all=; hm_lc_set=0; fi
LC_ALL=C; export LC_ALL
hm_caller_locale() { if [ "$hm_lc_set" = 1 ]; then LC_ALL=$hm_lc_all; else unset LC_ALL; fi; }

# hm_fail MESSAGE: the script cannot work on this image, which no retry changes (exit 97).
hm_fail() { printf 'hallmark: %s\n' "$1" >&2; exit 97; }

# A newline, for the scripts' patterns.
# shellcheck disable=SC2034 # used by the gather scripts
nl='
'

emit() { printf '@hallmark %s %s\n%s\n' "$1" "${#2}" "$2"; }

# hm_need_tmp: sets hm_tmp to a private directory, removed when the script exits. Call it in
# the script's own shell, not in a $(...) subshell. /dev/shm serves when /tmp is read-only.
hm_tmp=
hm_need_tmp() {
  [ -n "$hm_tmp" ] && return 0
  hm_tmp=$(mktemp -d 2>/dev/null || mktemp -d -p /dev/shm 2>/dev/null) || hm_fail "cannot create a temporary directory (mktemp -d) in /tmp or /dev/shm"
  trap 'rm -rf "$hm_tmp"' EXIT
}

# emit_stable FIELD PATH CAP: a file nothing else changes (hallmark's own), its first CAP bytes,
# then a "truncated" record (value FIELD) when it was longer. An empty one costs no process.
emit_stable() {
  if [ ! -s "$2" ]; then emit "$1" ""; return; fi
  n=$(wc -c <"$2"); n=$((n + 0))
  t=0; if [ "$n" -gt "$3" ]; then n=$3; t=1; fi
  printf '@hallmark %s %s\n' "$1" "$n"; head -c "$n" -- "$2"; printf '\n'
  if [ "$t" = 1 ]; then emit truncated "$1"; fi
}

# emit_file FIELD PATH CAP: emit_stable of any file, or an "unreadable" record (after an empty
# FIELD) when it could not be read. At most CAP+1 bytes are read, into a private copy whose size
# is then exact: a sparse file is not read to its end, and a file that changes meanwhile spoils
# no other record.
emit_file() {
  hm_need_tmp
  if ! head -c "$(($3 + 1))" -- "$2" >"$hm_tmp/copy" 2>/dev/null; then emit "$1" ""; emit unreadable "$1"; return; fi
  emit_stable "$1" "$hm_tmp/copy" "$3"
}
