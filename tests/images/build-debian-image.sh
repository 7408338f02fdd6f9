#!/usr/bin/env bash
# tests/images/build-debian-image.sh [TAG]
# tests/images/build-debian-image.sh --rootfs-tar
#
# Builds the Debian 12 (bookworm) image used by the integration tests and the
# README demo, and prints its tag (default hallmark-test/debian12:latest) as the
# last stdout line:   TAG=$(tests/images/build-debian-image.sh)
#
# With --rootfs-tar it only makes sure the cached root filesystem tarball exists
# and prints its path (build-apk-image.sh starts from it).
#
# What is in it: `debootstrap --variant=minbase` plus
#   openssh-server  SSH tests run sshd from this image with --network host
#                   (its host keys are generated at install time and are left in
#                   place on purpose: a contract test asserts about them);
#   openssl         the package the contract examples check versions of;
#   procps          ps/sysctl, so process and sysctl facts can be gathered.
# `locales` is not included: bookworm's libc-bin already ships the C.UTF-8
# locale (/usr/lib/locale/C.utf8), which is all the tests need (LANG=C.UTF-8).
# /run/sshd (sshd's privilege-separation dir) is pre-created so that
# `docker run ... /usr/sbin/sshd -D` works without a setup step.
# /etc/hallmark-test-image holds the recipe hash.
#
# Caching (see lib.sh): the debootstrap tree is kept as
# ${HALLMARK_CACHE:-/var/cache/hallmark}/debian12-rootfs.tar, keyed by the hash
# of this script and lib.sh (stored beside it in debian12-rootfs.tar.sha256);
# the image is only imported when hallmark-test/debian12:<hash12> is missing.
set -euo pipefail

HM_RECIPE=debian12
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MODE=image
TAG=hallmark-test/debian12:latest
case "${1:-}" in
    --rootfs-tar) MODE=rootfs ;;
    -h | --help)
        sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    "") ;;
    -*) hm_die "unknown option $1" ;;
    *) TAG=$1 ;;
esac

hm_need sha256sum:coreutils flock:util-linux
[[ $MODE == rootfs ]] || hm_need docker:docker.io

HASH=$(hm_hash build-debian-image.sh lib.sh)

# Warm path, before taking the lock: nothing to do but re-point TAG.
if [[ $MODE == image ]] && hm_image_current "$TAG" "$HASH"; then
    hm_finish "$TAG" "$HASH"
    exit 0
fi

hm_lock
# Re-check: a concurrent caller may have finished the image while we waited.
if [[ $MODE == image ]] && hm_image_current "$TAG" "$HASH"; then
    hm_finish "$TAG" "$HASH"
    exit 0
fi

# sshd refuses to start without its privilege-separation directory, which
# systemd would create at boot; containers don't boot, so ship it.
hm_rootfs_customize() {
    install -d -m 0755 "$1/run/sshd"
}
hm_debootstrap_cached debian12 "$HASH" --include=openssh-server,openssl,procps

if [[ $MODE == rootfs ]]; then
    printf '%s\n' "$HM_ROOTFS_TAR"
    exit 0
fi

hm_import "$HM_ROOTFS_TAR" "$TAG" "$HASH" /bin/bash
hm_finish "$TAG" "$HASH"
