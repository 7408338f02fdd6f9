#!/usr/bin/env bash
# tests/images/build-busybox-image.sh [TAG]
#
# Builds a busybox-only test image and prints its tag (default
# hallmark-test/busybox:latest) as the last stdout line:
#   TAG=$(tests/images/build-busybox-image.sh)
#
# The userland is Debian's busybox-static and nothing else: no coreutils, no
# GNU stat, no GNU timeout, no dynamic loader. Every tool hallmark's gather
# scripts call (sh, stat, head, wc, mktemp, timeout, readlink, cat, sleep) is a
# busybox applet, as on Alpine. Over it lies the Alpine 3.19.1 skeleton of
# build-apk-fixture.sh (os-release, apk database, OpenRC init scripts), so the
# example contract contracts/examples/alpine319-base.toml runs every clause kind
# end to end; its libz.so.1 symbols clause reads the host's zlib (a plain ELF
# file, never loaded), and /usr/bin holds a copy of the static busybox for its
# binaries ceiling. /etc/hallmark-test-image holds the recipe hash.
#
# Caching: see lib.sh. The hash covers this script, build-apk-fixture.sh and
# lib.sh; no rootfs is cached (the build takes well under a second).
set -euo pipefail

HM_RECIPE=busybox
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
    -h | --help)
        sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*) hm_die "unknown option $1" ;;
esac
TAG=${1:-hallmark-test/busybox:latest}

hm_need sha256sum:coreutils flock:util-linux docker:docker.io busybox:busybox-static
BUSYBOX=/bin/busybox
{ ldd "$BUSYBOX" 2>&1 || true; } | grep -q 'not a dynamic' || hm_die "$BUSYBOX is not static: install busybox-static"
ZLIB=/lib/x86_64-linux-gnu/libz.so.1

HASH=$(hm_hash build-busybox-image.sh build-apk-fixture.sh lib.sh)

if hm_image_current "$TAG" "$HASH"; then
    hm_finish "$TAG" "$HASH"
    exit 0
fi
hm_lock
if hm_image_current "$TAG" "$HASH"; then
    hm_finish "$TAG" "$HASH"
    exit 0
fi

tmp=
hm_mktemp tmp
ROOT=$tmp/root
mkdir -p "$ROOT"/{bin,sbin,usr/bin,usr/sbin,etc,root,proc,sys,dev,run,var/log,lib/x86_64-linux-gnu}
install -d -m 1777 "$ROOT/tmp"
install -m 0755 "$BUSYBOX" "$ROOT/bin/busybox"
while read -r applet; do
    [[ -e $ROOT/bin/$applet ]] || ln -s busybox "$ROOT/bin/$applet"
done < <("$BUSYBOX" --list)
install -m 0755 "$BUSYBOX" "$ROOT/usr/bin/busybox"
install -m 0644 "$(readlink -f "$ZLIB")" "$ROOT/lib/x86_64-linux-gnu/libz.so.1"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$ROOT/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$ROOT/etc/group"

"$HM_IMAGES_DIR/build-apk-fixture.sh" "$tmp/skel" >/dev/null
tar -C "$tmp/skel" -c . | tar -C "$ROOT" -x --no-same-owner
[[ -s $ROOT/lib/apk/db/installed && -f $ROOT/etc/os-release && ! -e $ROOT/usr/bin/stat ]] ||
    hm_die "the busybox tree is not as expected"

hm_set_marker "$ROOT" "$HASH"

hm_import "$ROOT" "$TAG" "$HASH" /bin/sh
hm_finish "$TAG" "$HASH"
