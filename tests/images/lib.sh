# shellcheck shell=bash
# tests/images/lib.sh — shared helpers for the tests/images/build-*.sh recipes.
#
# Source it (after `set -euo pipefail` and after setting HM_RECIPE to a short
# recipe name such as "debian12"); it is not meant to be executed.
#
# Conventions every recipe follows:
#   * progress goes to stderr; the only stdout line is the result (the image tag,
#     or a path), printed last, so callers can do TAG=$(tests/images/build-X.sh);
#   * the recipe hash is the sha256 of the recipe's own files (this lib included),
#     so editing any of them rebuilds, and nothing else does;
#   * everything cached lives in ${HALLMARK_CACHE:-/var/cache/hallmark};
#   * a per-recipe flock in that directory serialises concurrent callers: the
#     second one waits, then finds the cache warm and returns at once;
#   * a built image is tagged twice: the requested TAG and REPO:<hash12>; the
#     image also carries the full hash as label org.hallmark.recipe-hash (and in
#     the file /etc/hallmark-test-image). A warm run only runs
#     `docker image inspect` on REPO:<hash12> and re-points TAG at it.

HM_IMAGES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HM_CACHE=${HALLMARK_CACHE:-/var/cache/hallmark}
HM_RECIPE=${HM_RECIPE:-images}
# Debian is the only package source this workplace can reach; every image is
# made from a bookworm debootstrap.
HM_SUITE=bookworm
HM_MIRROR=${HALLMARK_DEBIAN_MIRROR:-http://deb.debian.org/debian}
HM_LABEL=org.hallmark.recipe-hash
HM_MARKER=/etc/hallmark-test-image

# Progress lines carry the seconds elapsed since the script started.
hm_log() { printf '[%s +%ss] %s\n' "$HM_RECIPE" "$SECONDS" "$*" >&2; }
hm_die() { hm_log "error: $*"; exit 1; }

# hm_need CMD[:DEBIAN_PACKAGE]... — fail early, naming the package to install.
hm_need() {
    local spec cmd pkg
    for spec in "$@"; do
        cmd=${spec%%:*}
        pkg=${spec#*:}
        command -v "$cmd" >/dev/null 2>&1 ||
            hm_die "'$cmd' is not installed (apt-get install $pkg)"
    done
}

# hm_hash FILE... — sha256 over the named files (paths relative to this
# directory, so the hash does not depend on where the checkout lives).
hm_hash() {
    (cd "$HM_IMAGES_DIR" && sha256sum -- "$@") | sha256sum | cut -c1-64
}

# ---------------------------------------------------------------------------
# Temporary directories: created under the cache dir (same filesystem as the
# cached tarballs, so `mv` is atomic) and removed on exit, whatever the exit.
HM_TMPDIRS=()
HM_TMPREFS=()

# hm_rmtree DIR — delete a tree we made. debootstrap mounts /proc and /sys
# inside its target; if it was interrupted those may still be mounted, so
# unmount first, and never let rm cross into another filesystem.
hm_rmtree() {
    local m
    [[ -d $1 ]] || return 0
    while read -r m; do
        umount -l "$m" 2>/dev/null || true
    done < <(awk -v p="$1/" 'index($2, p) == 1 { print $2 }' /proc/self/mounts | sort -r)
    rm -rf --one-file-system -- "$1"
}

hm_cleanup() {
    local d r
    for r in "${HM_TMPREFS[@]}"; do
        docker rmi "$r" >/dev/null 2>&1 || true
    done
    for d in "${HM_TMPDIRS[@]}"; do
        hm_rmtree "$d"
    done
}
trap hm_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# hm_mktemp VAR — make a temp dir, store its path in VAR (not via $(...), so
# that the cleanup list lives in this shell).
hm_mktemp() {
    local d
    mkdir -p "$HM_CACHE"
    d=$(mktemp -d "$HM_CACHE/tmp.$HM_RECIPE.XXXXXX")
    HM_TMPDIRS+=("$d")
    printf -v "$1" '%s' "$d"
}

# hm_lock — take this recipe's exclusive lock ($HM_CACHE/$HM_RECIPE.lock) for
# the rest of the script. Then sweep temp dirs left by an earlier run of the
# same recipe that was killed (-9) before its trap ran: holding the lock means
# no live run of this recipe owns them.
hm_lock() {
    local f="$HM_CACHE/$HM_RECIPE.lock" d
    mkdir -p "$HM_CACHE"
    exec {HM_LOCK_FD}>>"$f"
    if ! flock -n "$HM_LOCK_FD"; then
        hm_log "another build holds $f; waiting for it"
        flock -w "${HALLMARK_LOCK_TIMEOUT:-3600}" "$HM_LOCK_FD" ||
            hm_die "timed out waiting for $f"
    fi
    for d in "$HM_CACHE/tmp.$HM_RECIPE".*; do
        [[ -d $d ]] || continue
        [[ " ${HM_TMPDIRS[*]} " == *" $d "* ]] && continue # ours, from this run
        hm_log "removing stale $d"
        hm_rmtree "$d"
    done
}

# ---------------------------------------------------------------------------
# hm_debootstrap_cached NAME KEY DEBOOTSTRAP_ARG...
# Ensure $HM_CACHE/NAME-rootfs.tar is a minbase bookworm debootstrap made with
# the given extra arguments and stamped with KEY (stored beside it as
# NAME-rootfs.tar.sha256). Rebuilds when the stamp differs. Sets HM_ROOTFS_TAR.
# The tree gets the marker file $HM_MARKER containing KEY; if the recipe
# defines a function hm_rootfs_customize, it is called with the tree's path
# just before packing. Caller must hold its lock (hm_lock).
hm_debootstrap_cached() {
    local name=$1 key=$2
    shift 2
    local tar="$HM_CACHE/$name-rootfs.tar"
    local stamp="$tar.sha256"
    # shellcheck disable=SC2034 # read by the calling recipe
    HM_ROOTFS_TAR=$tar
    if [[ -f $tar && -f $stamp && $(<"$stamp") == "$key" ]]; then
        hm_log "rootfs cache hit: $tar"
        return 0
    fi
    hm_need debootstrap:debootstrap
    local tmp
    hm_mktemp tmp
    hm_log "debootstrap --variant=minbase $* $HM_SUITE (a few minutes) -> $tar"
    if ! debootstrap --variant=minbase "$@" "$HM_SUITE" "$tmp/root" "$HM_MIRROR" >&2; then
        tail -n 40 "$tmp/root/debootstrap/debootstrap.log" >&2 2>/dev/null || true
        hm_die "debootstrap failed"
    fi
    # Make the tree host-independent and small:
    #  - downloaded .debs and apt lists are caches, not part of the system;
    #  - debootstrap copies the host's resolv.conf and hostname: drop them
    #    (docker bind-mounts its own at run time).
    rm -f "$tmp/root"/var/cache/apt/archives/*.deb "$tmp/root"/var/cache/apt/*.bin
    find "$tmp/root/var/lib/apt/lists" -mindepth 1 -maxdepth 1 ! -name lock ! -name partial \
        -exec rm -rf {} +
    : >"$tmp/root/etc/resolv.conf"
    echo hallmark-test >"$tmp/root/etc/hostname"
    printf '%s\n' "$key" >"$tmp/root$HM_MARKER"
    if declare -F hm_rootfs_customize >/dev/null; then
        hm_rootfs_customize "$tmp/root"
    fi
    hm_log "packing $tar"
    tar --numeric-owner --xattrs --xattrs-include='security.capability' \
        -C "$tmp/root" -cf "$tmp/rootfs.tar" .
    rm -f "$stamp"
    mv -f "$tmp/rootfs.tar" "$tar"
    printf '%s\n' "$key" >"$stamp.new"
    mv -f "$stamp.new" "$stamp"
}

# hm_extract TAR DIR — unpack a cached rootfs tarball (as root, owners kept).
hm_extract() {
    mkdir -p "$2"
    tar --numeric-owner --xattrs --xattrs-include='security.capability' -C "$2" -xf "$1"
}

# hm_strip_debian ROOT — remove what makes a tree identify as Debian to a
# fact gatherer: the dpkg database, apt state, /etc/debian_version and the
# os-release files (the caller writes its own). The dpkg/apt binaries stay;
# they are inert without their database.
hm_strip_debian() {
    rm -rf "$1"/var/lib/dpkg "$1"/var/lib/apt "$1"/var/cache/apt \
        "$1"/var/log/apt "$1"/var/log/dpkg.log "$1"/etc/apt \
        "$1"/etc/debian_version "$1"/etc/os-release "$1"/usr/lib/os-release
}

# hm_set_marker ROOT HASH — (re)write the marker file inside an image tree.
hm_set_marker() {
    rm -f "$1$HM_MARKER"
    printf '%s\n' "$2" >"$1$HM_MARKER"
}

# ---------------------------------------------------------------------------
# Docker side.

# hm_hash_tag TAG HASH — REPO:<first 12 hex of HASH>, REPO being TAG's repository.
hm_hash_tag() {
    local tag=$1 repo=$1
    [[ ${tag##*/} == *:* ]] && repo=${tag%:*}
    printf '%s:%s\n' "$repo" "${2:0:12}"
}

# hm_image_current TAG HASH — true if REPO:<hash12> exists and carries the
# full recipe hash as its label.
hm_image_current() {
    local got
    got=$(docker image inspect --format "{{index .Config.Labels \"$HM_LABEL\"}}" \
        "$(hm_hash_tag "$1" "$2")" 2>/dev/null) || return 1
    [[ $got == "$2" ]]
}

# hm_import SRC TAG HASH CMD — `docker import` SRC (a rootfs tarball, or a
# directory to pack) with the recipe labels and CMD, and tag it REPO:<hash12>.
# The import goes to a temporary tag first, and only a complete one is tagged
# REPO:<hash12>: a half-imported tree must never pass for a current image.
hm_import() {
    local src=$1 tag=$2 hash=$3 cmd=$4 hashtag tmpref
    hashtag=$(hm_hash_tag "$tag" "$hash")
    tmpref="${hashtag%:*}:importing-$$"
    HM_TMPREFS+=("$tmpref")
    local args=(
        --change "LABEL $HM_LABEL=$hash"
        --change "LABEL org.hallmark.recipe=$HM_RECIPE"
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
        --change 'ENV LANG=C.UTF-8'
        --change "CMD [\"$cmd\"]"
        --message "hallmark test image ($HM_RECIPE, recipe $hash)"
    )
    hm_log "docker import -> $hashtag"
    if [[ -d $src ]]; then
        tar --numeric-owner --xattrs --xattrs-include='security.capability' -C "$src" -c . |
            docker import "${args[@]}" - "$tmpref" >/dev/null
    else
        docker import "${args[@]}" "$src" "$tmpref" >/dev/null
    fi
    docker tag "$tmpref" "$hashtag"
    HM_IMPORTED=1
}

# hm_prune_old TAG HASH — untag this repository's images of older recipe
# versions (REPO:<other hash12>), so rebuilds don't pile up; docker deletes an
# image once its last tag is gone, unless a container still uses it.
hm_prune_old() {
    local repo ref
    repo=$(hm_hash_tag "$1" "$2")
    repo=${repo%:*}
    docker image ls --format '{{.Repository}}:{{.Tag}}' "$repo" | while read -r ref; do
        [[ ${ref##*:} =~ ^[0-9a-f]{12}$ && ${ref##*:} != "${2:0:12}" ]] || continue
        if docker rmi "$ref" >/dev/null 2>&1; then hm_log "removed stale $ref"; fi
    done
}

# hm_finish TAG HASH — point TAG at REPO:<hash12> and print TAG (stdout, last).
# After an import (HM_IMPORTED=1), also prune older recipe images.
hm_finish() {
    docker tag "$(hm_hash_tag "$1" "$2")" "$1"
    [[ ${HM_IMPORTED:-0} == 1 ]] && hm_prune_old "$1" "$2"
    hm_log "ready: $1 ($(hm_hash_tag "$1" "$2"))"
    printf '%s\n' "$1"
}
