#!/bin/sh
# shellcheck disable=SC2154 # hm_tmp (hm_need_tmp) and nl are set by prelude.sh
# hallmark gather script: runs on the target as /bin/sh -c, after prelude.sh.
# Arguments: pairs of (c|m, path); c asks for the content too. Records per path:
# path, then absent | stat ["%f %u %g %U %G %s", or stat's error], link, content | unreadable.
# One `stat` process serves up to 200 paths (GNU and busybox stat alike); only when a batch
# does not answer for every path (one vanished meanwhile) is each path of it asked alone.
fmt='%f %u %g %U %G %s'
hm_need_tmp

# hm_quote VALUE: sets hm_q to VALUE single-quoted for eval, with shell builtins only.
hm_quote() {
  hm_q=; s=$1
  while :; do
    case $s in
      *\'*) hm_q="$hm_q${s%%\'*}'\\''"; s=${s#*\'} ;;
      *) break ;;
    esac
  done
  hm_q="'$hm_q$s'"
}

# stat_batch: appends one line per path of $batch ($k paths, quoted) to $hm_tmp/stat.
stat_batch() {
  [ "$k" = 0 ] && return
  if eval "stat -c \"\$fmt\" -- $batch" >"$hm_tmp/batch" 2>/dev/null &&
     n=$(wc -l <"$hm_tmp/batch") && [ $((n + 0)) -eq "$k" ]; then
    cat "$hm_tmp/batch" >>"$hm_tmp/stat"
  else
    eval "set -- $batch"
    for p do
      line=$(stat -c "$fmt" -- "$p" 2>&1)
      while case $line in *"$nl"*) true ;; *) false ;; esac; do line="${line%%"$nl"*} ${line#*"$nl"}"; done
      printf '%s\n' "$line" >>"$hm_tmp/stat"
    done
  fi
  batch=; k=0
}

# Pass 1: which paths exist (a line 1) or not (0), decided once, and their stat lines in order.
# (Files, not shell strings: taking one character off a long string costs dash its length.)
: >"$hm_tmp/stat"
exec 4>"$hm_tmp/exists"
batch=; k=0
i=0
for a do
  i=$((i + 1))
  [ $((i % 2)) = 0 ] || continue
  if [ -L "$a" ] || [ -e "$a" ]; then
    echo 1 >&4; hm_quote "$a"; batch="$batch $hm_q"; k=$((k + 1))
    [ "$k" -ge 200 ] && stat_batch
  else
    echo 0 >&4
  fi
done
stat_batch
exec 4>&-

# Pass 2: the records, path by path.
exec 3<"$hm_tmp/stat" 4<"$hm_tmp/exists"
while [ $# -ge 2 ]; do
  want=$1; p=$2; shift 2
  read -r e <&4
  emit path "$p"
  if [ "$e" = 1 ]; then
    IFS= read -r line <&3 || line="stat gave no answer"
    emit stat "$line"
    if [ -L "$p" ]; then emit link "$(readlink -- "$p")"; fi
    if [ "$want" = c ]; then
      if [ -f "$p" ] && [ -r "$p" ]; then emit_file content "$p" 67108864; else emit unreadable ""; fi
    fi
  else
    emit absent ""
  fi
done
exec 3<&- 4<&-
emit end ""
