#!/bin/sh
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# No arguments. Records: tcp, tcp6, udp, udp6 (the /proc/net tables, empty when missing).
for f in tcp tcp6 udp udp6; do
  if [ -r /proc/net/$f ]; then emit $f "$(cat /proc/net/$f)"; else emit $f ""; fi
done
emit end ""
