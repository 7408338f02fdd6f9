#!/usr/bin/env bash
# tests/images/build-rpm-image.sh [TAG]
#
# Builds an RPM-family (RHEL 9.3-like) test image without any RPM mirror and
# prints its tag (default hallmark-test/rpm:latest) as the last stdout line:
#   TAG=$(tests/images/build-rpm-image.sh)
#
# How, since only Debian's archive is reachable here:
#   1. userland: a minbase bookworm debootstrap with Debian's `rpm` (and procps)
#      so that a shell, coreutils and a working `rpm` exist for `docker exec`;
#      cached as ${HALLMARK_CACHE:-/var/cache/hallmark}/rpm-userland-rootfs.tar;
#   2. its Debian identity is removed (/var/lib/dpkg, apt state,
#      /etc/debian_version) and replaced by RHEL 9.3's (/etc/os-release ->
#      ../usr/lib/os-release, /etc/redhat-release, /etc/system-release*);
#   3. the host's rpmbuild builds the fixture packages from rpm/*.spec
#      (openssl-libs 1:3.0.7-25.el9, bash 5.1.8-6.el9, kernel-core
#      5.14.0-362.el9 AND 5.14.0-427.el9, hallmark-demo 1.0^git1-1.el9 noarch);
#   4. the host's rpm installs them into a fresh sqlite rpmdb at /var/lib/rpm,
#      as on RHEL 9 (rpmdb.sqlite); /etc/rpm/macros sets %_dbpath so the
#      image's own `rpm -qa` reads it (Debian's rpm defaults to ~/.rpmdb).
# /etc/hallmark-test-image holds the recipe hash.
#
# Needs on the host: rpm and rpmbuild (Debian package `rpm`), debootstrap, docker.
# Caching: see lib.sh. The image hash covers this script, lib.sh and the specs;
# the userland tarball is keyed on lib.sh and the debootstrap arguments only, so
# editing a spec or the RHEL layering below does not re-run debootstrap.
set -euo pipefail

HM_RECIPE=rpm
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
    -h | --help)
        sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*) hm_die "unknown option $1" ;;
esac
TAG=${1:-hallmark-test/rpm:latest}

hm_need sha256sum:coreutils flock:util-linux docker:docker.io \
    rpm:rpm rpmbuild:rpm

SPECS=()
for f in "$HM_IMAGES_DIR"/rpm/*.spec; do SPECS+=("rpm/${f##*/}"); done
HASH=$(hm_hash build-rpm-image.sh lib.sh "${SPECS[@]}")

if hm_image_current "$TAG" "$HASH"; then
    hm_finish "$TAG" "$HASH"
    exit 0
fi
hm_lock
if hm_image_current "$TAG" "$HASH"; then
    hm_finish "$TAG" "$HASH"
    exit 0
fi

# --- 1. cached userland ------------------------------------------------------
USERLAND_ARGS=("--include=rpm,procps")
USERLAND_KEY=$({ hm_hash lib.sh; printf '%s\n' "${USERLAND_ARGS[@]}"; } | sha256sum | cut -c1-64)
hm_debootstrap_cached rpm-userland "$USERLAND_KEY" "${USERLAND_ARGS[@]}"

tmp=
hm_mktemp tmp
ROOT=$tmp/root
hm_extract "$HM_ROOTFS_TAR" "$ROOT"

# --- 2. from Debian to "RHEL 9.3" -------------------------------------------
hm_strip_debian "$ROOT"
# Verbatim RHEL 9.3 os-release; on RHEL /etc/os-release is this symlink too.
cat >"$ROOT"/usr/lib/os-release <<'EOF'
NAME="Red Hat Enterprise Linux"
VERSION="9.3 (Plow)"
ID="rhel"
ID_LIKE="fedora"
VERSION_ID="9.3"
PLATFORM_ID="platform:el9"
PRETTY_NAME="Red Hat Enterprise Linux 9.3 (Plow)"
ANSI_COLOR="0;31"
LOGO="fedora-logo-icon"
CPE_NAME="cpe:/o:redhat:enterprise_linux:9::baseos"
HOME_URL="https://www.redhat.com/"
DOCUMENTATION_URL="https://access.redhat.com/documentation/en-us/red_hat_enterprise_linux/9"
BUG_REPORT_URL="https://bugzilla.redhat.com/"

REDHAT_BUGZILLA_PRODUCT="Red Hat Enterprise Linux 9"
REDHAT_BUGZILLA_PRODUCT_VERSION=9.3
REDHAT_SUPPORT_PRODUCT="Red Hat Enterprise Linux"
REDHAT_SUPPORT_PRODUCT_VERSION="9.3"
EOF
ln -s ../usr/lib/os-release "$ROOT"/etc/os-release
echo 'Red Hat Enterprise Linux release 9.3 (Plow)' >"$ROOT"/etc/redhat-release
ln -s redhat-release "$ROOT"/etc/system-release
echo 'cpe:/o:redhat:enterprise_linux:9::baseos' >"$ROOT"/etc/system-release-cpe

# Debian's rpm keeps its database in ~/.rpmdb so it cannot clash with dpkg;
# point the image's rpm at the RHEL location.
mkdir -p "$ROOT"/etc/rpm
cat >"$ROOT"/etc/rpm/macros <<'EOF'
# hallmark test image: use the system rpmdb, as on RHEL 9
%_dbpath /var/lib/rpm
%_db_backend sqlite
EOF

# --- 3. build the fixture packages --------------------------------------------
# Fixed build time and build host, so the rpmdb content does not change from
# one cold build to the next. HOME is moved so no personal ~/.rpmmacros leaks in.
build_rpm() {
    HOME=$tmp SOURCE_DATE_EPOCH=1700000000 rpmbuild \
        --define "_topdir $tmp/rpmbuild" \
        --define '_buildhost build.hallmark.test' \
        --define 'use_source_date_epoch_as_buildtime 1' \
        --define 'clamp_mtime_to_source_date_epoch 1' \
        --target x86_64 --nodeps --quiet -bb "$@" >&2
}
hm_log "rpmbuild: ${SPECS[*]}"
for spec in "${SPECS[@]}"; do
    case $spec in
        # Installed twice, at two releases: RHEL keeps several kernels.
        rpm/kernel-core.spec)
            build_rpm --define 'krel 362.el9' "$HM_IMAGES_DIR/$spec"
            build_rpm --define 'krel 427.el9' "$HM_IMAGES_DIR/$spec"
            ;;
        *) build_rpm "$HM_IMAGES_DIR/$spec" ;;
    esac
done
mapfile -t RPMS < <(find "$tmp/rpmbuild/RPMS" -name '*.rpm' | sort)

# --- 4. install them into the image's rpmdb -----------------------------------
# --nodeps: the fixtures' dependencies (glibc, ...) are not rpm packages here;
# --noscripts: nothing to run; --ignorearch: noarch/x86_64 on any host.
# One `rpm -i` transaction takes both kernel-core versions: -i (unlike -U)
# never replaces an installed version, and their files do not overlap.
hm_log "rpm -i into /var/lib/rpm: ${RPMS[*]##*/}"
rpm --root "$ROOT" --dbpath /var/lib/rpm --initdb
rpm --root "$ROOT" --dbpath /var/lib/rpm -i --nodeps --noscripts --ignorearch \
    "${RPMS[@]}" 2> >(grep -v -e 'should not be used directly' -e 'assuming you know what' >&2)
[[ -f $ROOT/var/lib/rpm/rpmdb.sqlite ]] || hm_die "no rpmdb.sqlite was written"
hm_log "installed: $(rpm --root "$ROOT" --dbpath /var/lib/rpm -qa | sort | tr '\n' ' ')"

hm_set_marker "$ROOT" "$HASH"

# --- 5. import ------------------------------------------------------------------
hm_import "$ROOT" "$TAG" "$HASH" /bin/bash
hm_finish "$TAG" "$HASH"
