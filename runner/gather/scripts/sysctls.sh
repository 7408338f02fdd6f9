#!/bin/sh
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Arguments: /proc/sys paths. Records per path: path, then value | unreadable | absent.
for p do
  emit path "$p"
  if [ -e "$p" ]; then
    if v=$(cat -- "$p" 2>&1); then emit value "$v"; else emit unreadable "$v"; fi
  else
    emit absent ""
  fi
done
emit end ""
