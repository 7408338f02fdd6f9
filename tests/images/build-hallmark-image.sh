#!/usr/bin/env bash
# tests/images/build-hallmark-image.sh DEB [TAG]
#
# Builds a container image of hallmark itself from its .deb, and prints its tag (default
# hallmark:<version of the .deb>) as the last stdout line:
#   IMAGE=$(tests/images/build-hallmark-image.sh build/hallmark_0.1.0_amd64.deb)
#   docker run --rm -v /var/run/docker.sock:/var/run/docker.sock "$IMAGE" run --target ...
#
# What is in it: the Debian 12 minbase test image (build-debian-image.sh; there is no registry
# to pull debian:bookworm from), the .deb installed with apt-get (which pulls in its Depends),
# and the docker CLI alone: /usr/bin/docker taken out of Debian's docker.io package, whose
# daemon, containerd and runc a client has no use for. The entrypoint is hallmark.
#
# It is made with `docker run` + `docker commit` on --network host (apt-get needs the Debian
# mirror), not `docker build`: the daemon here has no BuildKit and no bridge network.
# Cached like the test images (lib.sh): the recipe hash covers this script, lib.sh and the
# .deb's sha256, so a warm run only re-points TAG.
set -euo pipefail

HM_RECIPE=hallmark
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
    -h | --help | "")
        sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        [[ -n ${1:-} ]] && exit 0 || exit 2
        ;;
esac
DEB=$(realpath -e "$1") || hm_die "no such .deb: $1"
hm_need docker:docker.io dpkg-deb:dpkg sha256sum:coreutils flock:util-linux
VERSION=$(dpkg-deb -f "$DEB" Version)
TAG=${2:-hallmark:$VERSION}

HASH=$({ hm_hash build-hallmark-image.sh lib.sh; sha256sum <"$DEB"; } | sha256sum | cut -c1-64)
if hm_image_current "$TAG" "$HASH"; then
    hm_finish "$TAG" "$HASH"
    exit 0
fi
hm_lock
if hm_image_current "$TAG" "$HASH"; then
    hm_finish "$TAG" "$HASH"
    exit 0
fi

BASE=$("$HM_IMAGES_DIR/build-debian-image.sh")
NAME=hallmark-image-build-$$
trap 'docker rm -f "$NAME" >/dev/null 2>&1 || true; hm_cleanup' EXIT

hm_log "installing $(basename "$DEB") and the docker CLI into $BASE"
docker run -d --name "$NAME" --network host -v "$(dirname "$DEB"):/deb:ro" "$BASE" sleep infinity >/dev/null
docker exec -e DEBIAN_FRONTEND=noninteractive -e DEB="/deb/$(basename "$DEB")" "$NAME" sh -euc '
    apt-get update -q
    apt-get install -y -q --no-install-recommends "$DEB"
    cd /tmp
    apt-get download -q docker.io
    dpkg-deb --fsys-tarfile docker.io_*.deb | tar -xO ./usr/bin/docker >/usr/bin/docker
    chmod 0755 /usr/bin/docker
    rm -f docker.io_*.deb
    apt-get clean
    rm -rf /var/lib/apt/lists/*
' >&2
docker stop -t 0 "$NAME" >/dev/null

hashtag=$(hm_hash_tag "$TAG" "$HASH")
hm_log "docker commit -> $hashtag"
docker commit \
    --change "LABEL $HM_LABEL=$HASH" \
    --change "LABEL org.hallmark.recipe=$HM_RECIPE" \
    --change 'ENTRYPOINT ["/usr/bin/hallmark"]' \
    --change 'CMD ["--help"]' \
    --message "hallmark $VERSION from $(basename "$DEB")" \
    "$NAME" "$hashtag" >/dev/null
HM_IMPORTED=1
hm_finish "$TAG" "$HASH"
