#!/bin/sh
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Argument: detect | dpkg | rpm | apk (a contract's package_manager). Records: scheme
# (dpkg|apk|rpm|none), db.
want=$1
if [ "$want" = dpkg ] || { [ "$want" = detect ] && [ -f /var/lib/dpkg/status ]; }; then
  if [ -f /var/lib/dpkg/status ]; then emit scheme dpkg; emit_file db /var/lib/dpkg/status 268435456; else emit scheme none; fi
elif [ "$want" = apk ] || { [ "$want" = detect ] && [ -f /lib/apk/db/installed ]; }; then
  if [ -f /lib/apk/db/installed ]; then emit scheme apk; emit_file db /lib/apk/db/installed 268435456; else emit scheme none; fi
elif [ "$want" = rpm ] || { [ "$want" = detect ] && command -v rpm >/dev/null 2>&1; }; then
  if command -v rpm >/dev/null 2>&1; then
    emit scheme rpm
    emit db "$(rpm -qa --qf '%{NAME}\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\t%{ARCH}\n')"
  else
    emit scheme none
  fi
else
  emit scheme none
fi
emit end ""
