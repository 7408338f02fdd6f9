#!/usr/bin/env bash
# tests/images/build-apk-image.sh [TAG]
#
# Builds an Alpine-family test image and prints its tag (default
# hallmark-test/alpine:latest) as the last stdout line:
#   TAG=$(tests/images/build-apk-image.sh)
#
# There are no Alpine packages to be had here (see build-apk-fixture.sh), so the
# image is a working Debian 12 userland (the cached rootfs of
# build-debian-image.sh, for sh, coreutils and `docker exec`) with its Debian
# identity removed (dpkg database, apt state, os-release) and the Alpine 3.19.1
# skeleton of build-apk-fixture.sh laid over it: /etc/os-release (ID=alpine),
# /etc/alpine-release, /etc/apk/* and /lib/apk/db/installed. hallmark's apk
# fact gathering reads only /lib/apk/db/installed and /etc/os-release, so it
# sees an Alpine system; the binaries themselves are still Debian's (glibc,
# bash, openssh-server, ...), and there is no `apk` command.
# /etc/hallmark-test-image holds the recipe hash.
#
# Caching: see lib.sh. The hash covers this script, build-apk-fixture.sh,
# build-debian-image.sh (the base) and lib.sh; the base rootfs tarball is the
# one build-debian-image.sh caches, so a cold run of this script after that one
# does not debootstrap again.
set -euo pipefail

HM_RECIPE=apk
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
    -h | --help)
        sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*) hm_die "unknown option $1" ;;
esac
TAG=${1:-hallmark-test/alpine:latest}

hm_need sha256sum:coreutils flock:util-linux docker:docker.io

HASH=$(hm_hash build-apk-image.sh build-apk-fixture.sh build-debian-image.sh lib.sh)

if hm_image_current "$TAG" "$HASH"; then
    hm_finish "$TAG" "$HASH"
    exit 0
fi
hm_lock
if hm_image_current "$TAG" "$HASH"; then
    hm_finish "$TAG" "$HASH"
    exit 0
fi

# The Debian base (built and cached by its own recipe, under its own lock).
BASE_TAR=$("$HM_IMAGES_DIR/build-debian-image.sh" --rootfs-tar | tail -n 1)
[[ -f $BASE_TAR ]] || hm_die "build-debian-image.sh --rootfs-tar gave no tarball"

tmp=
hm_mktemp tmp
ROOT=$tmp/root
hm_extract "$BASE_TAR" "$ROOT"
hm_strip_debian "$ROOT"
# Alpine runs OpenRC, not systemd: drop Debian's unit files so only the skeleton's
# init scripts describe services.
rm -rf "$ROOT"/etc/systemd "$ROOT"/usr/lib/systemd

# The Alpine skeleton, unpacked over the tree. Debian is merged-/usr (/lib is
# a symlink to usr/lib); --keep-directory-symlink makes tar follow it instead
# of replacing it with a real /lib that would hide the dynamic loader.
"$HM_IMAGES_DIR/build-apk-fixture.sh" "$tmp/skel" >/dev/null
tar -C "$tmp/skel" -c . | tar -C "$ROOT" -x --keep-directory-symlink --no-same-owner
[[ -L $ROOT/lib && -s $ROOT/lib/apk/db/installed && -f $ROOT/etc/os-release ]] ||
    hm_die "the Alpine skeleton did not land where expected"

hm_set_marker "$ROOT" "$HASH"

hm_import "$ROOT" "$TAG" "$HASH" /bin/sh
hm_finish "$TAG" "$HASH"
