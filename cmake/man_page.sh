#!/usr/bin/env bash
# cmake/man_page.sh HALLMARK INCLUDE OUTPUT
#
# Writes hallmark(1) to OUTPUT with help2man: the synopsis and options from `hallmark --help`,
# a COMMANDS section with every subcommand's own --help (found by walking the "Subcommands:"
# lists, so a new subcommand appears without editing this), and the hand-written sections of
# INCLUDE (docs/hallmark.h2m: targets, exit status, examples, files).
set -euo pipefail
HALLMARK=$1 INCLUDE=$2 OUTPUT=$3
commands=$(mktemp)
trap 'rm -f "$commands"' EXIT

# The subcommand names listed in the help text on stdin.
subcommands() { awk '/^Subcommands:$/ { in_list = 1; next } /^[^ ]/ { in_list = 0 } in_list && /^  [^ ]/ { print $1 }'; }

# One command's --help as man page source: the description, the usage line, then a tagged
# paragraph per option (continuation lines kept as lines, for lists such as --target's kinds).
to_troff() {
    awk -v name="$1" '
        function esc(s) { gsub(/\\/, "\\e", s); gsub(/-/, "\\-", s); sub(/^[.'\'']/, "\\\\\\&&", s); return s }
        NR == 1 { printf ".SS \"%s\"\n%s\n", name, esc($0); next }
        /^Usage: / { sub(/^Usage: /, ""); printf ".PP\n.B %s\n", esc($0); next }
        /^[^ ].*:$/ { next }
        /^  [^ ]/ {
            line = substr($0, 3)
            split_at = match(line, /  +/)
            if (split_at) { tag = substr(line, 1, split_at - 1); text = substr(line, split_at + RLENGTH) }
            else { tag = line; text = "" }
            printf ".TP\n\\fB%s\\fR\n", esc(tag)
            if (text != "") printf "%s\n", esc(text)
            continued = (text != "")
            next
        }
        /^   +[^ ]/ {
            sub(/^ +/, "")
            if (continued) printf ".br\n"
            printf "%s\n", esc($0)
            continued = 1
        }'
}

# Depth first, in the order the help lists them: "run", ..., "add", "add regression".
walk() {
    local path=$1 help child
    help=$("$HALLMARK" $path --help)
    [[ -z $path ]] || to_troff "hallmark $path" <<<"$help" >>"$commands"
    for child in $(subcommands <<<"$help"); do
        walk "${path:+$path }$child"
    done
}
echo "[COMMANDS]" >"$commands"
walk ""

help2man --no-info --no-discard-stderr --section 1 --source "hallmark $("$HALLMARK" --version)" \
    --include "$commands" --include "$INCLUDE" --output "$OUTPUT" "$HALLMARK"
