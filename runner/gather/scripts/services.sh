#!/bin/sh
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Arguments: unit names ("ssh.service"). Records per unit: unit, manager (systemd, or openrc
# for an /etc/init.d script when no systemd unit exists), masked (0|1), file ("" if none),
# content (systemd units), links (.wants/.requires links under /etc, or OpenRC runlevel
# links), and active where systemd runs.
for u do
  emit unit "$u"
  masked=0; file=""; manager=systemd
  for d in /etc/systemd/system /run/systemd/system /usr/local/lib/systemd/system /lib/systemd/system /usr/lib/systemd/system; do
    if [ -L "$d/$u" ] && [ "$(readlink -- "$d/$u")" = /dev/null ]; then masked=1; fi
    if [ -z "$file" ] && [ -f "$d/$u" ]; then file="$d/$u"; fi
  done
  links=""
  if [ -z "$file" ] && [ "$masked" = 0 ] && [ -f "/etc/init.d/${u%.service}" ]; then
    manager=openrc; file="/etc/init.d/${u%.service}"
    for l in /etc/runlevels/*/"${u%.service}"; do
      if [ -L "$l" ]; then links="$links $l"; fi
    done
  else
    for l in /etc/systemd/system/*.wants/"$u" /etc/systemd/system/*.requires/"$u"; do
      if [ -L "$l" ]; then links="$links $l"; fi
    done
  fi
  emit manager "$manager"
  emit masked "$masked"
  emit file "$file"
  if [ "$manager" = systemd ] && [ -n "$file" ]; then emit_file content "$file" 1048576; fi
  emit links "$links"
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    emit active "$(systemctl is-active -- "$u" 2>/dev/null)"
  fi
done
emit end ""
