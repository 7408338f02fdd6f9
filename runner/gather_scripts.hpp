#pragma once

#include <string_view>

// POSIX sh scripts run on the target, one per fact kind. Contract values reach them only as
// positional arguments ("$@"), never spliced into the script text. Each prints framed records
// (see framed_records.hpp) and a closing "end" record. They need sh, stat, cat, wc, head;
// the command script also uses mktemp and, where present, timeout.
namespace hallmark::runner::scripts {

inline constexpr std::string_view k_prelude = R"SH(
LC_ALL=C; export LC_ALL
emit() { printf '@hallmark %s %s\n%s\n' "$1" "${#2}" "$2"; }
emit_file() {
  n=$(wc -c < "$2") || n=0
  [ "$n" -gt "$3" ] && n=$3
  printf '@hallmark %s %s\n' "$1" "$n"; head -c "$n" -- "$2"; printf '\n'
}
)SH";

// Argument: detect | dpkg | rpm | apk (a contract's package_manager). Records: scheme
// (dpkg|apk|rpm|none), db.
inline constexpr std::string_view k_packages = R"SH(
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
)SH";

// Arguments: pairs of (c|m, path); c asks for the content too. Records per path:
// path, then absent | stat ["%f %u %g %U %G %s"], link, content | unreadable.
inline constexpr std::string_view k_files = R"SH(
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
)SH";

// Arguments: /proc/sys paths. Records per path: path, then value | unreadable | absent.
inline constexpr std::string_view k_sysctls = R"SH(
for p do
  emit path "$p"
  if [ -e "$p" ]; then
    if v=$(cat -- "$p" 2>&1); then emit value "$v"; else emit unreadable "$v"; fi
  else
    emit absent ""
  fi
done
emit end ""
)SH";

// No arguments. Records: tcp, tcp6, udp, udp6 (the /proc/net tables, empty when missing).
inline constexpr std::string_view k_sockets = R"SH(
for f in tcp tcp6 udp udp6; do
  if [ -r /proc/net/$f ]; then emit $f "$(cat /proc/net/$f)"; else emit $f ""; fi
done
emit end ""
)SH";

// Arguments: pairs of (timeout seconds, command). Records per command: command, exit,
// timed_out (0|1), stdout, stderr (each capped at 1 MiB).
inline constexpr std::string_view k_commands = R"SH(
d=$(mktemp -d) || exit 97
trap 'rm -rf "$d"' EXIT
while [ $# -ge 2 ]; do
  t=$1; c=$2; shift 2
  emit command "$c"
  if command -v timeout >/dev/null 2>&1; then
    timeout -k 5 "$t" sh -c "$c" </dev/null >"$d/out" 2>"$d/err"; rc=$?
    emit exit "$rc"
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then emit timed_out 1; else emit timed_out 0; fi
  else
    sh -c "$c" </dev/null >"$d/out" 2>"$d/err"; rc=$?
    emit exit "$rc"; emit timed_out 0
  fi
  emit_file stdout "$d/out" 1048576
  emit_file stderr "$d/err" 1048576
done
emit end ""
)SH";

// Arguments: libraries, each a path or a soname (resolved with `ldconfig -p`, else by looking
// in the standard library directories). Records per library: library, then path and content,
// or missing.
inline constexpr std::string_view k_libraries = R"SH(
resolve() {
  case $1 in /*) [ -e "$1" ] && printf '%s' "$1"; return ;; esac
  if command -v ldconfig >/dev/null 2>&1; then
    r=$(ldconfig -p 2>/dev/null | while read -r name rest; do
      if [ "$name" = "$1" ]; then printf '%s\n' "${rest##*=> }"; break; fi
    done)
    if [ -n "$r" ]; then printf '%s' "$r"; return; fi
  fi
  for d in /lib64 /usr/lib64 /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu /lib /usr/lib /usr/local/lib; do
    if [ -e "$d/$1" ]; then printf '%s' "$d/$1"; return; fi
  done
}
for l do
  emit library "$l"
  p=$(resolve "$l")
  if [ -n "$p" ] && [ -r "$p" ]; then emit path "$p"; emit_file content "$p" 268435456; else emit missing ""; fi
done
emit end ""
)SH";

// Arguments: directories. Records per directory: dir, then path and content for each ELF
// file directly in it (symlinks skipped: their targets are files too), or missing.
inline constexpr std::string_view k_binary_dirs = R"SH(
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
)SH";

// Arguments: unit names ("ssh.service"). Records per unit: unit, manager (systemd, or openrc
// for an /etc/init.d script when no systemd unit exists), masked (0|1), file ("" if none),
// content (systemd units), links (.wants/.requires links under /etc, or OpenRC runlevel
// links), and active where systemd runs.
inline constexpr std::string_view k_services = R"SH(
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
)SH";

}  // namespace hallmark::runner::scripts
