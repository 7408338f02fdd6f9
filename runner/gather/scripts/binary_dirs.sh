#!/bin/sh
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Arguments: directories. Records per directory: dir, then path and content for each ELF
# file directly in it (symlinks skipped: their targets are files too), or missing.
elf=$(printf '\177ELF')
for d do
  emit dir "$d"
  if [ -d "$d" ]; then
    for f in "$d"/*; do
      if [ -f "$f" ] && [ ! -L "$f" ] && [ -r "$f" ] && [ "$(head -c 4 -- "$f" 2>/dev/null)" = "$elf" ]; then
        emit path "$f"; emit_file content "$f" 268435456
      fi
    done
  else
    emit missing ""
  fi
done
emit end ""
