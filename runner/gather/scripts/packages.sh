#!/bin/sh
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Argument: detect | dpkg | rpm | apk (a contract's package_manager). Records: scheme
# (dpkg|apk|rpm|none), db; for rpm also status (rpm's exit status) and stderr; emit_file's
# unreadable / truncated when the database file could not be read whole.
want=$1
if [ "$want" = dpkg ] || { [ "$want" = detect ] && [ -f /var/lib/dpkg/status ]; }; then
  if [ -f /var/lib/dpkg/status ]; then emit scheme dpkg; emit_file db /var/lib/dpkg/status 268435456; else emit scheme none; fi
elif [ "$want" = apk ] || { [ "$want" = detect ] && [ -f /lib/apk/db/installed ]; }; then
  if [ -f /lib/apk/db/installed ]; then emit scheme apk; emit_file db /lib/apk/db/installed 268435456; else emit scheme none; fi
elif [ "$want" = rpm ] || { [ "$want" = detect ] && command -v rpm >/dev/null 2>&1; }; then
  if command -v rpm >/dev/null 2>&1; then
    emit scheme rpm
    e=$(mktemp) || exit 97
    db=$(rpm -qa --qf '%{NAME}\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\t%{ARCH}\n' 2>"$e"); rc=$?
    emit db "$db"; emit status "$rc"; emit_file stderr "$e" 65536; rm -f "$e"
  else
    emit scheme none
  fi
else
  emit scheme none
fi
emit end ""
