#!/bin/sh
# shellcheck disable=SC2154 # hm_tmp is set by prelude.sh's hm_need_tmp
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Arguments: directories. Records per directory: dir, then for each ELF file directly in it
# (symlinks skipped: their targets are files too) path, and content, or missing. The files of
# one directory share one `contents` record after their paths: `head -v -c CAP+1` of them,
# each after its "==> NAME <==" line (CAP: 256 MiB).
elf=$(printf '\177ELF')
nl='
'

cap=268435456
emit_elf() { emit path "$1"; emit_file content "$1" "$cap"; }

# scan DIR: the ELF files directly in DIR. One `head -v` reads the first 4 bytes of them all
# (each after its "==> NAME <==" line); a name holding a newline, which would split that line,
# is looked at alone.
scan() {
  dir=$1; set --
  for f in "$dir"/*; do
    { [ -f "$f" ] && [ ! -L "$f" ] && [ -r "$f" ]; } || continue
    case $f in
      *"$nl"*) if [ "$(head -c 4 -- "$f" 2>/dev/null)" = "$elf" ]; then emit_elf "$f"; fi ;;
      *) set -- "$@" "$f" ;;
    esac
  done
  [ $# -gt 0 ] || return 0
  hm_need_tmp
  head -v -c 4 -- "$@" >"$hm_tmp/magic" 2>/dev/null
  set --
  name=; first=0
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      "==> "*" <==") name=${line#==> }; name=${name% <==}; first=1 ;;
      *) if [ "$first" = 1 ] && [ "$line" = "$elf" ]; then emit path "$name"; set -- "$@" "$name"; fi; first=0 ;;
    esac
  done <"$hm_tmp/magic"
  [ $# -gt 0 ] || return 0
  head -v -c $((cap + 1)) -- "$@" >"$hm_tmp/contents" 2>/dev/null
  emit_stable contents "$hm_tmp/contents" 4294967296
}

for d do
  emit dir "$d"
  if [ -d "$d" ]; then scan "$d"; else emit missing ""; fi
done
emit end ""
