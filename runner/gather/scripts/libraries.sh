#!/bin/sh
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Arguments: libraries, each a path or a soname (resolved with `ldconfig -p`, else by looking
# in the standard library directories). Records per library: library, then path and content,
# or missing.
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
