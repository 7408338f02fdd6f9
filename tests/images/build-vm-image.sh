#!/usr/bin/env bash
# tests/images/build-vm-image.sh
#
# Builds the small bootable Debian 12 VM used by the qemu integration tests and
# prints its directory as the last stdout line:   DIR=$(tests/images/build-vm-image.sh)
#
# The directory holds:
#   root.img          ext4 (label "root", 1 GiB sparse, raw): the cached rootfs of
#                     build-debian-image.sh (openssh-server with the host keys its
#                     install generated, openssl, procps) plus iproute2, kmod,
#                     systemd-sysv, udev, the virtio/ext4 kernel modules, the test key in
#                     /root/.ssh/authorized_keys and /sbin/hallmark-init;
#   vmlinux           Debian's newest linux-image-6.1.0-NN-amd64 as an uncompressed ELF
#                     (qemu boots it through PVH, skipping the decompression), or
#                     vmlinuz, the bzImage itself, when the ELF cannot be extracted;
#   initrd.img        busybox initrd: loads virtio_pci, virtio_blk, virtio_net,
#                     virtio_rng and ext4, mounts root= and switch_roots into init=;
#   id_ed25519[.pub]  the test key, authorized for root;
#   boot.env          KEY=VALUE lines (the value is the rest of the line, not shell-quoted):
#                     kernel, initrd, append, disk, identity; paths are absolute.
#
# Two ways to boot, picked by the kernel command line (boot.env's append is the first):
#   fast (~8 s to SSH under TCG): init=/sbin/hallmark-init mounts the API file systems,
#     gives the NIC 198.51.100.15/24 (gateway 198.51.100.2, qemu's user-mode network)
#     and runs sshd as PID 1;
#   full: init=/lib/systemd/systemd, where systemd-networkd sets the same address.
#
# Caching (see lib.sh): ${HALLMARK_CACHE:-/var/cache/hallmark}/vm/<hash12>/, keyed by
# this script, build-debian-image.sh (the base) and lib.sh; other hashes' directories
# are removed after a build. A warm run only checks that boot.env exists.
set -euo pipefail

HM_RECIPE=vm
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
    -h | --help)
        sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    "") ;;
    *) hm_die "unknown argument $1" ;;
esac

hm_need sha256sum:coreutils flock:util-linux apt-get:apt apt-cache:apt dpkg-deb:dpkg \
    mkfs.ext4:e2fsprogs busybox:busybox-static cpio:cpio gzip:gzip xz:xz-utils \
    ssh-keygen:openssh-client chroot:coreutils

HASH=$(hm_hash build-vm-image.sh build-debian-image.sh lib.sh)
OUT=$HM_CACHE/vm/${HASH:0:12}

finish() {
    hm_log "ready: $OUT"
    printf '%s\n' "$OUT"
    exit 0
}

[[ -f $OUT/boot.env ]] && finish
hm_lock
[[ -f $OUT/boot.env ]] && finish

BASE_TAR=$("$HM_IMAGES_DIR/build-debian-image.sh" --rootfs-tar | tail -n 1)
[[ -f $BASE_TAR ]] || hm_die "build-debian-image.sh --rootfs-tar gave no tarball"

tmp=
hm_mktemp tmp
ROOT=$tmp/root
DEST=$tmp/out
mkdir -p "$DEST"

# The kernel: the newest 6.1 ABI in the apt lists.
KPKG=$(apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-amd64$' | cut -d' ' -f1 | sort -V | tail -n 1)
[[ -n $KPKG ]] || hm_die "no linux-image-6.1.0-NN-amd64 in the apt lists (run apt-get update)"
KVER=${KPKG#linux-image-}
hm_log "kernel: $KPKG"
(cd "$tmp" && apt-get download -q -o APT::Sandbox::User=root "$KPKG" >&2) ||
    hm_die "apt-get download $KPKG failed"
dpkg-deb -x "$tmp"/linux-image-*.deb "$tmp/kernel"
VMLINUZ=$tmp/kernel/boot/vmlinuz-$KVER

# The bzImage's payload is an XZ stream (CONFIG_KERNEL_XZ); the first offset of
# the XZ magic that decompresses to an ELF is the kernel proper.
KERNEL=
while read -r offset; do
    tail -c "+$((offset + 1))" "$VMLINUZ" | xz -dc --single-stream >"$DEST/vmlinux" 2>/dev/null || true
    if [[ $(head -c 4 "$DEST/vmlinux" | od -An -tx1 | tr -d ' ') == 7f454c46 ]]; then
        KERNEL=$DEST/vmlinux
        break
    fi
done < <(LC_ALL=C grep -obUaP '\xFD7zXZ\x00' "$VMLINUZ" | cut -d: -f1)
if [[ -z $KERNEL ]]; then
    hm_log "no ELF kernel inside $VMLINUZ; using the bzImage"
    rm -f "$DEST/vmlinux"
    KERNEL=$DEST/vmlinuz
    cp "$VMLINUZ" "$KERNEL"
fi

# The root file system.
hm_log "unpacking $BASE_TAR"
hm_extract "$BASE_TAR" "$ROOT"

hm_log "installing iproute2, kmod, systemd-sysv and udev into the root"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
mount -t proc proc "$ROOT/proc"
# The caller's TMPDIR (a test fixture sets its own) does not exist inside the root.
in_root() { chroot "$ROOT" env -u TMPDIR DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"; }
in_root apt-get -q update >&2
in_root apt-get -q install -y --no-install-recommends iproute2 kmod systemd-sysv udev >&2
in_root apt-get clean
umount "$ROOT/proc"
rm -f "$ROOT/usr/sbin/policy-rc.d"
find "$ROOT/var/lib/apt/lists" -mindepth 1 -maxdepth 1 ! -name lock ! -name partial -exec rm -rf {} +
: >"$ROOT/etc/resolv.conf"
hm_set_marker "$ROOT" "$HASH"

# Only the modules the VM needs (the package holds ~400 MB of them), resolved
# with the root's own kmod against the whole module tree, then indexed in place.
MODULES="virtio_pci virtio_blk virtio_net virtio_rng crc32c_generic ext4"
mkdir -p "$ROOT/tmp/modules-base/lib"
mv "$tmp/kernel/lib/modules" "$ROOT/tmp/modules-base/lib/modules"
in_root depmod -b /tmp/modules-base "$KVER"
MODDIR=$ROOT/usr/lib/modules/$KVER
mkdir -p "$MODDIR"
cp "$ROOT/tmp/modules-base/lib/modules/$KVER"/modules.{order,builtin,builtin.modinfo} "$MODDIR/"
for module in $MODULES; do
    in_root modprobe -d /tmp/modules-base -S "$KVER" --show-depends "$module"
done | awk '$1 == "insmod" { print $2 }' | sort -u | while read -r ko; do
    relative=${ko#/tmp/modules-base/lib/modules/"$KVER"/}
    install -D -m 0644 "$ROOT$ko" "$MODDIR/$relative"
done
rm -rf "$ROOT/tmp/modules-base"
in_root depmod "$KVER"

# The fast init. sshd runs as PID 1 so that orphans are reaped (it waits for any
# child); if it dies the kernel panics and, with panic=-1 and -no-reboot, qemu exits.
cat >"$ROOT/sbin/hallmark-init" <<'EOF'
#!/bin/sh
# hallmark test VM: minimal init (the full one is init=/lib/systemd/systemd).
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run
hostname -F /etc/hostname
nic=
for path in /sys/class/net/*; do
    [ "${path##*/}" = lo ] || { nic=${path##*/}; break; }
done
ip link set lo up
if [ -n "$nic" ]; then
    ip link set "$nic" up
    ip address add 198.51.100.15/24 dev "$nic"
    ip route add default via 198.51.100.2
    echo "hallmark-init: $nic is 198.51.100.15/24"
else
    echo "hallmark-init: no network interface"
fi
mkdir -p /run/sshd
echo "hallmark-init: starting sshd"
exec /usr/sbin/sshd -D -e
EOF
chmod 0755 "$ROOT/sbin/hallmark-init"

# The full init: the same address through systemd-networkd (the NIC is renamed
# to enp* by udev there), and a root entry in fstab.
mkdir -p "$ROOT/etc/systemd/network"
cat >"$ROOT/etc/systemd/network/10-hallmark.network" <<'EOF'
[Match]
Name=en* eth*

[Network]
Address=198.51.100.15/24
Gateway=198.51.100.2
EOF
in_root systemctl enable systemd-networkd.service >&2
printf 'LABEL=root / ext4 defaults 0 1\n' >"$ROOT/etc/fstab"

ssh-keygen -q -t ed25519 -N '' -C hallmark-vm-test -f "$DEST/id_ed25519"
install -d -m 0700 "$ROOT/root/.ssh"
install -m 0600 "$DEST/id_ed25519.pub" "$ROOT/root/.ssh/authorized_keys"

hm_log "writing root.img"
mkfs.ext4 -q -F -m 0 -d "$ROOT" -L root "$DEST/root.img" 1G >&2

# The initrd: static busybox and the same modules.
INITRD=$tmp/initrd
mkdir -p "$INITRD"/{bin,dev,proc,sys,newroot,usr/lib}
cp "$(command -v busybox)" "$INITRD/bin/busybox"
cp -a "$ROOT/usr/lib/modules" "$INITRD/usr/lib/modules"
ln -s usr/lib "$INITRD/lib"
mknod -m 0600 "$INITRD/dev/console" c 5 1
cat >"$INITRD/init" <<EOF
#!/bin/busybox sh
# hallmark test VM initrd: load the drivers, mount root=, switch_root into init=.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
fail() {
    echo "hallmark-initrd: \$*"
    sleep 1
    poweroff -f
}
root=/dev/vda
init=/sbin/hallmark-init
for arg in \$(cat /proc/cmdline); do
    case \$arg in
        root=*) root=\${arg#root=} ;;
        init=*) init=\${arg#init=} ;;
    esac
done
for module in $MODULES; do
    modprobe "\$module" || echo "hallmark-initrd: cannot load \$module"
done
tries=0
while [ ! -b "\$root" ]; do
    tries=\$((tries + 1))
    [ \$tries -le 100 ] || fail "root device \$root did not appear within 10 s"
    sleep 0.1
done
mount -t ext4 -o rw "\$root" /newroot || fail "cannot mount \$root"
[ -x "/newroot\$init" ] || fail "\$root has no executable \$init"
umount /proc /sys /dev
exec switch_root /newroot "\$init"
EOF
chmod 0755 "$INITRD/init"
(cd "$INITRD" && find . | cpio -o -H newc --quiet | gzip -1) >"$DEST/initrd.img"

cat >"$DEST/boot.env" <<EOF
kernel=$OUT/${KERNEL##*/}
initrd=$OUT/initrd.img
append=root=/dev/vda console=ttyS0 panic=-1 init=/sbin/hallmark-init
disk=$OUT/root.img
identity=$OUT/id_ed25519
EOF

for old in "$HM_CACHE"/vm/*; do
    [[ -d $old && $old != "$OUT" ]] || continue
    hm_log "removing stale $old"
    rm -rf --one-file-system -- "$old"
done
mkdir -p "$HM_CACHE/vm"
mv "$DEST" "$OUT"
finish
