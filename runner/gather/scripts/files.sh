#!/bin/sh
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Arguments: pairs of (c|m, path); c asks for the content too. Records per path:
# path, then absent | stat ["%f %u %g %U %G %s"], link, content | unreadable.
while [ $# -ge 2 ]; do
  want=$1; p=$2; shift 2
  emit path "$p"
  if [ -L "$p" ] || [ -e "$p" ]; then
    emit stat "$(stat -c '%f %u %g %U %G %s' -- "$p" 2>&1)"
    if [ -L "$p" ]; then emit link "$(readlink -- "$p")"; fi
    if [ "$want" = c ]; then
      if [ -f "$p" ] && [ -r "$p" ]; then emit_file content "$p" 67108864; else emit unreadable ""; fi
    fi
  else
    emit absent ""
  fi
done
emit end ""
