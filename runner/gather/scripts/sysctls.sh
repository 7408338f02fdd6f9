#!/bin/sh
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Arguments: /proc/sys paths. Records per path: path, then value | unreadable | absent.
# Read with the shell's own `read`, no process per key; lines are joined with "\n" and the
# trailing newline dropped, as $(cat) would.
nl='
'
for p do
  emit path "$p"
  if [ -e "$p" ]; then
    v=; first=1
    if { while IFS= read -r line || [ -n "$line" ]; do
           if [ "$first" = 1 ]; then v=$line; first=0; else v="$v$nl$line"; fi
         done; } 2>/dev/null <"$p"; then
      emit value "$v"
    else
      emit unreadable "cannot be read"
    fi
  else
    emit absent ""
  fi
done
emit end ""
