#!/bin/sh
# hallmark gather prelude: defined before every gather script. Records are framed
# "@hallmark FIELD LENGTH\n", LENGTH bytes of value, "\n" (see framed_records.hpp).
LC_ALL=C; export LC_ALL
emit() { printf '@hallmark %s %s\n%s\n' "$1" "${#2}" "$2"; }
# emit_file FIELD PATH CAP: the file's first CAP bytes; a "truncated" record (value FIELD)
# follows when the file was longer, an "unreadable" one when it could not be read.
emit_file() {
  if ! n=$(wc -c < "$2"); then emit "$1" ""; emit unreadable "$1"; return; fi
  t=0; if [ "$n" -gt "$3" ]; then n=$3; t=1; fi
  printf '@hallmark %s %s\n' "$1" "$n"; head -c "$n" -- "$2"; printf '\n'
  if [ "$t" = 1 ]; then emit truncated "$1"; fi
}
