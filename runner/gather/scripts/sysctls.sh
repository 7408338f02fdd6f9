#!/bin/sh
# shellcheck disable=SC2154 # hm_tmp is set by prelude.sh's hm_need_tmp
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Arguments: /proc/sys paths. Records per path: path, then absent, value or unreadable; or, for
# the paths that exist, one `lines` record for all of them: `grep -H ''` of those files, a
# "PATH:LINE" line for each line of each, in argument order.
# Files are read by a tool, never by the shell's own `read`: an integer sysctl answers
# end-of-file to a read at a non-zero offset, and dash's `read` takes one byte per read(2), so
# it would see "4" of kernel.pid_max = 4194304. One `grep` serves every path when it reads them
# all without a word on stderr (a file it cannot read, or a binary one) and no path holds a ':'
# or a newline (its lines would be ambiguous); otherwise each path takes one `cat`.
nl='
'
# The paths that exist stay in "$@", in order.
for p do
  shift
  if [ -e "$p" ]; then set -- "$@" "$p"; else emit path "$p"; emit absent ""; fi
done

if [ $# -gt 0 ]; then
  case "$*" in
    *:* | *"$nl"*) ;;
    *)
      hm_need_tmp
      grep -H '' -- "$@" >"$hm_tmp/lines" 2>"$hm_tmp/errors"
      case $? in 0 | 1) [ -s "$hm_tmp/errors" ] || { emit_stable lines "$hm_tmp/lines" 16777216; set --; } ;; esac
      ;;
  esac
fi

# Without the lines: one `cat` per path.
for p do
  emit path "$p"
  if v=$(cat -- "$p" 2>&1); then emit value "$v"; else emit unreadable "$v"; fi
done
emit end ""
