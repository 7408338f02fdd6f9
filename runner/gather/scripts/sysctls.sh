#!/bin/sh
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Arguments: /proc/sys paths. Records per path: path, then value | unreadable | absent.
# One `cat` per key, not the shell's own `read`: an integer sysctl answers end-of-file to a read
# at a non-zero offset, and dash's `read` takes one byte per read(2), so it would see "4" of
# kernel.pid_max = 4194304.
for p do
  emit path "$p"
  if [ -e "$p" ]; then
    if v=$(cat -- "$p" 2>&1); then emit value "$v"; else emit unreadable "$v"; fi
  else
    emit absent ""
  fi
done
emit end ""
