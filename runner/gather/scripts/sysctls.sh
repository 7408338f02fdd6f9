#!/bin/sh
# shellcheck disable=SC2154 # hm_tmp (hm_need_tmp) and nl are set by prelude.sh
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Arguments: /proc/sys paths, and the most bytes of a value to send (CAP; one more tells that
# a value is longer). Records: per path, path then absent, value or unreadable; except for the
# paths of the `values` record, which is `head -v -c CAP+1` of them in argument order.
# Files are read by a tool, never by the shell's own `read`: an integer sysctl answers
# end-of-file to a read at a non-zero offset, and dash's `read` takes one byte per read(2), so
# it would see "4" of kernel.pid_max = 4194304. One `head` reads every path (unless one holds a
# newline); a path it complains of (unreadable) takes one `head` of its own, and so does every
# path when a complaint names none or the paths left over draw a complaint again.
cap=$1; shift
# The paths that exist stay in "$@", in order.
for p do
  shift
  if [ -e "$p" ]; then set -- "$@" "$p"; else emit path "$p"; emit absent ""; fi
done

# read_together PATHS...: `head` of them into $hm_tmp/values; sets $complained to the paths its
# complaints name, a line each. Fails when a complaint names none of them.
read_together() {
  head -v -c $((cap + 1)) -- "$@" >"$hm_tmp/values" 2>"$hm_tmp/complaints"
  complained=
  while IFS= read -r line; do
    named=0
    for p do case $line in *"$p"*) complained="$complained$p$nl"; named=1 ;; esac; done
    [ "$named" = 1 ] || return 1
  done <"$hm_tmp/complaints"
}

# one_by_one PATH: the path's own records, from its own `head`.
one_by_one() {
  emit path "$1"
  if v=$(head -c $((cap + 1)) -- "$1" 2>&1); then emit value "$v"; else emit unreadable "$v"; fi
}

case "$*" in
  '' | *"$nl"*) ;;
  *)
    hm_need_tmp
    if read_together "$@"; then
      alone=$complained
      if [ -n "$alone" ]; then
        for p do
          shift
          case $nl$alone in *"$nl$p$nl"*) one_by_one "$p" ;; *) set -- "$@" "$p" ;; esac
        done
        if [ $# -gt 0 ] && { ! read_together "$@" || [ -n "$complained" ]; }; then
          for p do one_by_one "$p"; done
          set --
        fi
      fi
      if [ $# -gt 0 ]; then emit_stable values "$hm_tmp/values" 16777216; fi
      set --
    fi
    ;;
esac

for p do one_by_one "$p"; done
emit end ""
