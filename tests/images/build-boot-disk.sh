#!/usr/bin/env bash
# tests/images/build-boot-disk.sh
#
# Builds a self-booting Debian 12 cloud disk laid out like Debian's genericcloud image and
# prints its directory as the last stdout line:   DIR=$(tests/images/build-boot-disk.sh)
#
# The directory holds:
#   disk.qcow2  2 GiB virtual, GPT:
#                 p14 BIOS boot partition (3 MiB), GRUB's i386-pc core.img;
#                 p15 EFI system partition (124 MiB, FAT32, label EFI): Debian's signed shim
#                     at the removable path EFI/BOOT/BOOTX64.EFI, Debian's signed GRUB
#                     (x86_64-efi) as EFI/BOOT/grubx64.efi, EFI/debian/grub.cfg;
#                 p1  ext4 root (label root), with /boot/grub/{grub.cfg,i386-pc};
#               the MBR holds GRUB's boot.img, so it boots through SeaBIOS, through OVMF
#               and through OVMF with Secure Boot (Microsoft's keys, OVMF_VARS_4M.ms.fd).
#               The root is the cached rootfs of build-debian-image.sh plus Debian's
#               linux-image-cloud-amd64 (initramfs-tools), systemd, udev, openssh-server,
#               cloud-init (NoCloud only: datasource_list [ NoCloud, None ]), sudo, and
#               systemd-networkd doing DHCP on every en*/eth* NIC. There are no SSH host keys
#               (cloud-init generates them at first boot; ssh.service runs ssh-keygen -A
#               before sshd as a fallback), no authorized keys and no password: log in with
#               a NoCloud seed (a "cidata" ISO) whose user-data sets ssh_authorized_keys.
#               Those keys go to cloud-init's default user "debian" (passwordless sudo);
#               with disable_root: false in the user-data they also work for root.
#               GRUB and the kernel talk on ttyS0 (115200 baud). The kernel is Debian's cloud
#               flavour, which has no AHCI driver: attach the seed as a virtio disk
#               (-drive file=seed.iso,format=raw,if=virtio,readonly=on), not as q35's
#               default SATA cdrom, which the guest never sees.
#   disk.env    KEY=VALUE lines: disk, format, kernel (the guest's uname -r), root_uuid,
#               default_user.
#
# Built without loop devices or mounts: the partitions are made as files (mkfs.ext4 -d,
# mkfs.vfat + mtools) and copied into a raw file partitioned by sfdisk; GRUB's images come
# from grub-mkimage run in the guest tree, and boot.img/core.img are patched and written
# by hand the way grub-bios-setup would.
#
# Caching (see lib.sh): ${HALLMARK_CACHE:-/var/cache/hallmark}/boot-disk/<hash12>/, keyed by
# this script, build-debian-image.sh (the base) and lib.sh; other hashes' directories are
# removed after a build. A warm run only checks that disk.env exists.
set -euo pipefail

HM_RECIPE=boot-disk
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

hm_need sha256sum:coreutils flock:util-linux chroot:coreutils truncate:coreutils dd:coreutils \
    sfdisk:fdisk mkfs.ext4:e2fsprogs mkfs.vfat:dosfstools mmd:mtools mcopy:mtools \
    qemu-img:qemu-utils perl:perl-base

HASH=$(hm_hash build-boot-disk.sh build-debian-image.sh lib.sh)
OUT=$HM_CACHE/boot-disk/${HASH:0:12}

finish() {
    hm_log "ready: $OUT"
    printf '%s\n' "$OUT"
    exit 0
}

[[ -f $OUT/disk.env ]] && finish
hm_lock
[[ -f $OUT/disk.env ]] && finish

BASE_TAR=$("$HM_IMAGES_DIR/build-debian-image.sh" --rootfs-tar | tail -n 1)
[[ -f $BASE_TAR ]] || hm_die "build-debian-image.sh --rootfs-tar gave no tarball"

tmp=
hm_mktemp tmp
ROOT=$tmp/root
DEST=$tmp/out
mkdir -p "$DEST"

# The disk layout, in 512-byte sectors: genericcloud's partition numbers and types.
SECTOR=512
DISK_SECTORS=$((2 * 1024 * 1024 * 2)) # 2 GiB
BIOS_START=2048 BIOS_SIZE=6144        # 1 MiB .. 4 MiB
ESP_START=8192 ESP_SIZE=253952        # 4 MiB .. 128 MiB
ROOT_START=262144                     # 128 MiB .. 1 MiB before the end (backup GPT)
ROOT_SIZE=$((DISK_SECTORS - 2048 - ROOT_START))
ROOT_UUID=$(cat /proc/sys/kernel/random/uuid)

hm_log "unpacking $BASE_TAR"
hm_extract "$BASE_TAR" "$ROOT"

PACKAGES=(linux-image-cloud-amd64 initramfs-tools systemd-sysv udev dbus cloud-init sudo
    iproute2 kmod grub-common grub-pc-bin shim-signed grub-efi-amd64-signed)
hm_log "installing ${PACKAGES[*]} into the root"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
mount -t proc proc "$ROOT/proc"
# The caller's TMPDIR (a test fixture sets its own) does not exist inside the root.
in_root() { chroot "$ROOT" env -u TMPDIR DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"; }
in_root apt-get -q update >&2
in_root apt-get -q install -y --no-install-recommends "${PACKAGES[@]}" >&2
in_root apt-get clean
umount "$ROOT/proc"
rm -f "$ROOT/usr/sbin/policy-rc.d"
find "$ROOT/var/lib/apt/lists" -mindepth 1 -maxdepth 1 ! -name lock ! -name partial -exec rm -rf {} +
: >"$ROOT/etc/resolv.conf"
hm_set_marker "$ROOT" "$HASH"

KVER=$(basename "$(find "$ROOT/usr/lib/modules" -mindepth 1 -maxdepth 1 -type d | sort -V | tail -n 1)")
[[ -f $ROOT/boot/vmlinuz-$KVER && -f $ROOT/boot/initrd.img-$KVER ]] ||
    hm_die "no kernel and initramfs for $KVER in /boot"
hm_log "kernel: $KVER"

# First-boot identity: no host keys, no machine id, no cloud-init state. The base image's
# install-time host keys go; cloud-init's ssh module writes new ones before sshd starts, and
# the drop-in makes sshd create any that are still missing.
rm -f "$ROOT"/etc/ssh/ssh_host_*
rm -rf "$ROOT/root/.ssh" "$ROOT/var/lib/cloud"
: >"$ROOT/etc/machine-id"
rm -f "$ROOT/var/lib/dbus/machine-id"
mkdir -p "$ROOT/etc/systemd/system/ssh.service.d"
cat >"$ROOT/etc/systemd/system/ssh.service.d/hallmark-host-keys.conf" <<'EOF'
# The image ships without host keys; make any that cloud-init did not.
[Service]
ExecStartPre=/usr/bin/ssh-keygen -A
EOF

cat >"$ROOT/etc/cloud/cloud.cfg.d/90-hallmark.cfg" <<'EOF'
# hallmark boot disk: only a NoCloud seed (a "cidata" volume) configures this guest.
datasource_list: [ NoCloud, None ]
# /etc/hosts names the hostname the seed gives (sudo looks it up).
manage_etc_hosts: true
EOF

# DHCP on the virtio NIC (qemu's user-mode network answers); cloud-init's own network
# config, when it renders one for networkd, sorts first and wins.
mkdir -p "$ROOT/etc/systemd/network"
cat >"$ROOT/etc/systemd/network/90-hallmark-dhcp.network" <<'EOF'
[Match]
Name=en* eth*

[Network]
DHCP=yes
EOF
in_root systemctl enable systemd-networkd.service >&2

cat >"$ROOT/etc/fstab" <<EOF
UUID=$ROOT_UUID / ext4 rw,discard,errors=remount-ro 0 1
LABEL=EFI /boot/efi vfat umask=0077,nofail 0 2
EOF
mkdir -p "$ROOT/boot/efi"

# GRUB for BIOS: its modules under /boot/grub/i386-pc and a core.img whose early config
# finds the root by UUID. For UEFI the ESP holds what Debian's genericcloud holds: shim
# (signed by Microsoft's UEFI CA) at the removable path, Debian's signed monolithic GRUB
# beside it, and EFI/debian/grub.cfg (that GRUB's built-in prefix) sending it to the same
# /boot/grub/grub.cfg. Shim also starts GRUB without Secure Boot, so one ESP serves both.
CMDLINE="root=UUID=$ROOT_UUID ro console=tty0 console=ttyS0,115200"
mkdir -p "$ROOT/boot/grub/i386-pc"
cp "$ROOT/usr/lib/grub/i386-pc"/*.{mod,lst} "$ROOT/boot/grub/i386-pc/"
cat >"$ROOT/boot/grub/grub.cfg" <<EOF
# hallmark boot disk: one entry, straight to the kernel, everything on the serial console.
serial --unit=0 --speed=115200
terminal_input serial
terminal_output serial
set timeout=0
menuentry 'Debian GNU/Linux 12 (hallmark boot disk)' {
    insmod part_gpt
    insmod ext2
    search --no-floppy --fs-uuid --set=root $ROOT_UUID
    echo 'Loading Linux $KVER ...'
    linux /boot/vmlinuz-$KVER $CMDLINE
    initrd /boot/initrd.img-$KVER
}
EOF
cat >"$ROOT/tmp/early.cfg" <<EOF
search --no-floppy --fs-uuid --set=root $ROOT_UUID
set prefix=(\$root)/boot/grub
EOF
in_root grub-mkimage -O i386-pc -o /tmp/core.img -c /tmp/early.cfg -p /boot/grub \
    biosdisk part_gpt ext2 search
mv "$ROOT/tmp/core.img" "$ROOT/tmp/early.cfg" "$tmp/"
# shellcheck disable=SC2016 # GRUB expands $prefix
printf 'configfile $prefix/grub.cfg\n' >>"$tmp/early.cfg"
cp "$ROOT/usr/lib/grub/i386-pc/boot.img" "$tmp/boot.img"
(($(stat -c %s "$tmp/core.img") <= BIOS_SIZE * SECTOR)) ||
    hm_die "core.img does not fit the BIOS boot partition"

hm_log "writing the partitions"
mkfs.ext4 -q -F -m 1 -d "$ROOT" -L root -U "$ROOT_UUID" "$tmp/root.ext4" "$((ROOT_SIZE / 2))k" >&2
mkfs.vfat -F 32 -n EFI -C "$tmp/esp.vfat" "$((ESP_SIZE / 2))" >&2
mmd -i "$tmp/esp.vfat" ::/EFI ::/EFI/BOOT ::/EFI/debian
mcopy -i "$tmp/esp.vfat" "$ROOT/usr/lib/shim/shimx64.efi.signed" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$tmp/esp.vfat" "$ROOT/usr/lib/shim/mmx64.efi.signed" ::/EFI/BOOT/mmx64.efi
mcopy -i "$tmp/esp.vfat" "$ROOT/usr/lib/grub/x86_64-efi-signed/grubx64.efi.signed" ::/EFI/BOOT/grubx64.efi
mcopy -i "$tmp/esp.vfat" "$tmp/early.cfg" ::/EFI/debian/grub.cfg

hm_log "assembling the GPT disk"
RAW=$tmp/disk.raw
truncate -s "$((DISK_SECTORS * SECTOR))" "$RAW"
sfdisk --quiet --no-reread --no-tell-kernel "$RAW" >&2 <<EOF
label: gpt
unit: sectors
first-lba: 2048
${RAW}1 : start=$ROOT_START, size=$ROOT_SIZE, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name="root"
${RAW}14 : start=$BIOS_START, size=$BIOS_SIZE, type=21686148-6449-6E6F-744E-656564454649, name="BIOS boot"
${RAW}15 : start=$ESP_START, size=$ESP_SIZE, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="EFI System"
EOF
put() { dd if="$1" of="$RAW" bs=1M seek="$(($2 * SECTOR))" oflag=seek_bytes conv=notrunc,sparse status=none; }
put "$tmp/root.ext4" "$ROOT_START"
put "$tmp/esp.vfat" "$ESP_START"

# What grub-bios-setup does for a BIOS boot partition: boot.img learns the LBA of core.img's
# first sector (a little-endian 64-bit field at 0x5c) and skips its floppy drive check (the
# jump at 0x66 becomes two NOPs); core.img's first sector (diskboot.img) learns where the
# rest of core.img starts (the blocklist at 0x1f4; grub-mkimage already wrote its length).
le64() { perl -e 'print pack("Q<", $ARGV[0])' "$1"; }
poke() { dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }
le64 "$BIOS_START" | poke "$tmp/boot.img" $((0x5c))
printf '\x90\x90' | poke "$tmp/boot.img" $((0x66))
le64 $((BIOS_START + 1)) | poke "$tmp/core.img" $((0x1f4))
put "$tmp/core.img" "$BIOS_START"
# Only the boot code: the partition table sfdisk wrote at 0x1b8 onwards stays.
dd if="$tmp/boot.img" of="$RAW" bs=440 count=1 conv=notrunc status=none

hm_log "converting to qcow2"
qemu-img convert -f raw -O qcow2 "$RAW" "$DEST/disk.qcow2"
rm -f "$RAW"

cat >"$DEST/disk.env" <<EOF
disk=$OUT/disk.qcow2
format=qcow2
kernel=$KVER
root_uuid=$ROOT_UUID
default_user=debian
EOF

for old in "$HM_CACHE"/boot-disk/*; do
    [[ -d $old && $old != "$OUT" ]] || continue
    hm_log "removing stale $old"
    rm -rf --one-file-system -- "$old"
done
mkdir -p "$HM_CACHE/boot-disk"
mv "$DEST" "$OUT"
finish
