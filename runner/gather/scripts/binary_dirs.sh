#!/bin/sh
# shellcheck disable=SC2154 # hm_tmp (hm_need_tmp) and nl are set by prelude.sh
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Arguments: CAP (the most bytes of a file to send), then directories. Records per directory:
# dir, then missing, or for its ELF files (directly in it; symlinks skipped: their targets are
# files too) runs of path records, each run followed by one `contents` record: `head -v -c
# CAP+1` of those paths, each after its "==> NAME <==" line. An `unreadable` record says which
# file could not be read.
elf=$(printf '\177ELF')

cap=$1; shift

# read_contents PATHS...: their `path` records, then their bytes in one `contents` record.
read_contents() {
  for p do emit path "$p"; done
  head -v -c $((cap + 1)) -- "$@" >"$hm_tmp/contents" 2>"$hm_tmp/complaints"
  if [ -s "$hm_tmp/complaints" ]; then emit_stable unreadable "$hm_tmp/complaints" 4096; fi
  emit_stable contents "$hm_tmp/contents" 4294967296
}

# read_magic PATHS...: read_contents of those that start with \177ELF, 500 at a time. One `head`
# reads the first 4 bytes of them all, each after its "==> NAME <==" line.
read_magic() {
  head -v -c 4 -- "$@" >"$hm_tmp/magic" 2>"$hm_tmp/complaints"
  if [ -s "$hm_tmp/complaints" ]; then emit_stable unreadable "$hm_tmp/complaints" 4096; fi
  set --
  name=; first=0
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      "==> "*" <==") name=${line#==> }; name=${name% <==}; first=1 ;;
      *)
        if [ "$first" = 1 ] && [ "$line" = "$elf" ]; then set -- "$@" "$name"; fi
        first=0
        if [ $# -ge 500 ]; then read_contents "$@"; set --; fi
        ;;
    esac
  done <"$hm_tmp/magic"
  if [ $# -gt 0 ]; then read_contents "$@"; fi
}

# scan DIR: the ELF files directly in DIR, their first bytes read 500 files at a time (argv
# stays small however large the directory). A regular file that cannot be read is an
# `unreadable` record: what it needs is unknown. A name holding a newline, which would split
# head's header line, is looked at alone.
scan() {
  dir=$1; set --
  hm_need_tmp
  for f in "$dir"/*; do
    { [ -f "$f" ] && [ ! -L "$f" ]; } || continue
    if [ ! -r "$f" ]; then emit unreadable "$f"; continue; fi
    case $f in
      *"$nl"*) if [ "$(head -c 4 -- "$f" 2>/dev/null)" = "$elf" ]; then read_contents "$f"; fi ;;
      *)
        set -- "$@" "$f"
        if [ $# -ge 500 ]; then read_magic "$@"; set --; fi
        ;;
    esac
  done
  if [ $# -gt 0 ]; then read_magic "$@"; fi
}

for d do
  emit dir "$d"
  if [ -d "$d" ]; then scan "$d"; else emit missing ""; fi
done
emit end ""
