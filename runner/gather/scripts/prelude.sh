#!/bin/sh
# hallmark gather prelude: defined before every gather script. Records are framed
# "@hallmark FIELD LENGTH\n", LENGTH bytes of value, "\n" (see framed_records.hpp).
LC_ALL=C; export LC_ALL
emit() { printf '@hallmark %s %s\n%s\n' "$1" "${#2}" "$2"; }
emit_file() {
  n=$(wc -c < "$2") || n=0
  [ "$n" -gt "$3" ] && n=$3
  printf '@hallmark %s %s\n' "$1" "$n"; head -c "$n" -- "$2"; printf '\n'
}
