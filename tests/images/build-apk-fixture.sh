#!/usr/bin/env bash
# tests/images/build-apk-fixture.sh DIR
#
# Writes an Alpine Linux 3.19.1 (x86_64) root skeleton into DIR (created if
# missing; existing files of the same names are overwritten, nothing else is
# touched) and prints DIR as the last stdout line. It is what hallmark's apk
# fact gathering reads, and nothing more:
#   /etc/os-release, /etc/alpine-release       the release (ID=alpine, VERSION_ID=3.19.1)
#   /lib/apk/db/installed                      apk's installed-package database
#   /lib/apk/db/{lock,triggers}                empty, as after a clean install
#   /etc/apk/{world,arch,repositories}         what apk was asked to install, and from where
#   /etc/init.d/{sshd,crond}, /etc/runlevels/  OpenRC services: sshd in the default
#                                              runlevel (enabled), crond in none (disabled)
# No package files are written: the skeleton is metadata only.
#
# Why a skeleton: nothing here can fetch Alpine packages (no Alpine mirror is
# reachable) and Debian 12 has no apk-tools (`apt-cache policy apk-tools` and
# `apt-cache search apk` find no such package), so the database is written by
# hand.
#
# The database format. Field letters and their order follow a real Alpine
# (3.20, x86_64) /lib/apk/db/installed, the one stored in the public GitHub
# repository choc1024/vaultwarden-extracted-bin at lib/apk/db/installed,
# checked against the older one in zerotier/edge at the same path:
#   one record per package, records separated by one blank line (the file ends
#   with one too); each line is LETTER:VALUE, in this order:
#     C checksum of the package (Q1 + base64 of a SHA-1)   P name   V version
#     A arch   S package size   I installed size   T description   U url
#     L license   o origin (source package)   m maintainer   t build time (epoch)
#     c aports commit   then, only when set: k provider priority, D depends,
#     p provides, i install-if, r replaces, q replaces priority;
#   then the files: F:dir (relative, no leading /), optionally M:uid:gid:mode
#   for that directory, then for each file in it R:name, optionally
#   a:uid:gid:mode, and Z:checksum (Q1 + base64 of a SHA-1).
# The package set is alpine:3.19.1's minirootfs (15 packages) plus openssl.
# Names, versions, arch, descriptions, URLs, licenses, origins, maintainers,
# depends/provides and file lists are modelled on Alpine 3.19. The S, I and t
# values are plausible, not the real ones; the C:, Z: and c: values are
# synthetic (SHA-1 of the package or file name, in the real encoding) and
# match no real package, so nothing here can be checked against Alpine's keys.
set -euo pipefail

HM_RECIPE=apk-fixture
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -eq 1 && $1 != -* ]] || {
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
DIR=$1
mkdir -p "$DIR"/etc/apk "$DIR"/lib/apk/db
hm_log "writing an Alpine 3.19.1 skeleton into $DIR"

# Verbatim Alpine 3.19.1 release files.
cat >"$DIR"/etc/os-release <<'EOF'
NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.19.1
PRETTY_NAME="Alpine Linux v3.19"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
EOF
echo 3.19.1 >"$DIR"/etc/alpine-release

echo x86_64 >"$DIR"/etc/apk/arch
# Only written, never read by anything here: no traffic goes there.
cat >"$DIR"/etc/apk/repositories <<'EOF'
https://dl-cdn.alpinelinux.org/alpine/v3.19/main
https://dl-cdn.alpinelinux.org/alpine/v3.19/community
EOF
# OpenRC, Alpine's service manager: an init script per service, enabled by a link
# from a runlevel directory (what `rc-update add sshd default` creates).
mkdir -p "$DIR"/etc/init.d "$DIR"/etc/runlevels/default "$DIR"/etc/runlevels/boot
for service in sshd crond; do
    printf '#!/sbin/openrc-run\ndescription="%s"\ncommand=/usr/sbin/%s\n' "$service" "$service" >"$DIR/etc/init.d/$service"
    chmod 0755 "$DIR/etc/init.d/$service"
done
ln -sfn /etc/init.d/sshd "$DIR"/etc/runlevels/default/sshd

cat >"$DIR"/etc/apk/world <<'EOF'
alpine-baselayout
alpine-keys
apk-tools
busybox
libc-utils
openssl
EOF

: >"$DIR"/lib/apk/db/lock
: >"$DIR"/lib/apk/db/triggers

cat >"$DIR"/lib/apk/db/installed <<'EOF'
C:Q1Zx+bl1SFXlRsJzguT6V+piju0GY=
P:alpine-baselayout
V:3.4.3-r2
A:x86_64
S:8680
I:331776
T:Alpine base dir structure and init scripts
U:https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout
L:GPL-2.0-only
o:alpine-baselayout
m:Natanael Copa <ncopa@alpinelinux.org>
t:1699365329
c:0ff3414de8d90acaacb6fd0e370d1b39b8cabf25
D:alpine-baselayout-data=3.4.3-r2 /bin/sh
q:1000
F:dev
F:dev/pts
F:dev/shm
F:etc
R:motd
Z:Q1kseePqGGc45w4wQc0nWr6SB6MMo=
F:etc/crontabs
R:root
a:0:0:600
Z:Q1mOAiY6rpEuzDj/o7JlfhsR7ObbQ=
F:etc/modprobe.d
R:aliases.conf
Z:Q117paCLLjnM3aV8YXWj6+RThLMeI=
R:blacklist.conf
Z:Q1zZIshBO4ocIa0yInRwApHGfdn54=
R:i386.conf
Z:Q153pEVNlC1jnNVpCw3dhIH/3lz6E=
R:kms.conf
Z:Q1nULu8DQfAIwJIMIrc55kSKgemng=
F:etc/profile.d
R:20locale.sh
Z:Q1R9RqXPjpnP3qQ8dLcsO6WuXIDhE=
R:README
Z:Q100QxAh30mthZ82s7m5nOYIVvPx0=
R:color_prompt.sh.disabled
Z:Q1dg6+P7sMaqHtrwFisyWB3tByAs8=
F:etc/sysctl.d
F:home
F:lib
F:lib/firmware
F:lib/sysctl.d
R:00-alpine.conf
Z:Q1wwpJtca2LYzWa12cU8hbrNo7hOk=
F:media
F:mnt
F:opt
F:proc
F:root
M:0:0:700
F:run
F:sbin
F:srv
F:sys
F:tmp
M:0:0:1777
F:usr
F:usr/bin
F:usr/lib
F:usr/local
F:usr/sbin
F:usr/share
F:var
R:run
a:0:0:777
Z:Q1pdoumqYAeqSJj/24zR5TJnd84rY=
F:var/cache
F:var/empty
M:0:0:555
F:var/lib
F:var/log
F:var/spool
R:mail
a:0:0:777
Z:Q1lws/R+NmIWyR8gxs81lE7tAArIQ=
F:var/tmp
M:0:0:1777

C:Q1MQIVczA5RYnqDubHqTVeRUAl9Fg=
P:alpine-baselayout-data
V:3.4.3-r2
A:x86_64
S:11135
I:77824
T:Alpine base dir structure and init scripts
U:https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout
L:GPL-2.0-only
o:alpine-baselayout
m:Natanael Copa <ncopa@alpinelinux.org>
t:1699365329
c:0ff3414de8d90acaacb6fd0e370d1b39b8cabf25
r:alpine-baselayout
q:1000
F:etc
R:fstab
Z:Q1uYJzp+QneW6S0+d8ujhTRyBQTKg=
R:group
Z:Q14/eRJ1GlYQ+J8tq7JISxD+XOaoo=
R:hostname
Z:Q1xbUBAsm/wkwo2awYzN7jqJbWBg0=
R:hosts
Z:Q1aw2hSjfN74mv/VVsTpo8y+mWwKo=
R:inittab
Z:Q18QdnrCsMqox5ecQiFMuw7DJsYBQ=
R:modules
Z:Q1AXK6Z4o7ih2NqbwtE8NWVHbijYE=
R:mtab
a:0:0:777
Z:Q1EMs6hSHUSv2CnVJVQwJOS6QcgnQ=
R:nsswitch.conf
Z:Q1N3wq/KkSL1BcidLAC+DQwinl5ZA=
R:passwd
Z:Q10Wo46oFcio032okM/12E1x/lJVA=
R:profile
Z:Q1K702Hg+sbwIGQ1h5jlD1Ld1SNGc=
R:protocols
Z:Q1AoS5sQPe7bHCEn6gHTTjpBTZGT8=
R:services
Z:Q1oxXWpmmbsZIJzxb9fwEz1IotGrY=
R:shadow
a:0:42:640
Z:Q1mv9/oYIMb60ohmmWftKOYLxOceA=
R:shells
Z:Q1d/H9tbOHXvEKCd5OY50wpgO1jOQ=
R:sysctl.conf
Z:Q1lJ60p3hjfX0y/vH/5V1L+OC6r+U=

C:Q1xbE+7F8o46WDSQ1lUFkPY2Y/fQQ=
P:alpine-keys
V:2.4-r1
A:x86_64
S:13328
I:159744
T:Public keys for Alpine Linux packages
U:https://alpinelinux.org
L:MIT
o:alpine-keys
m:Natanael Copa <ncopa@alpinelinux.org>
t:1634579657
c:d737b3be4fead2f1e76ceab98f6ee23c78d222e5
r:alpine-base
F:etc
F:etc/apk
F:etc/apk/keys
R:alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub
Z:Q1P/BdNavsSFramnnlrC2+QWmV8As=
R:alpine-devel@lists.alpinelinux.org-5261cecb.rsa.pub
Z:Q1b/Lr+Q9poPmjQ/2Vk4J3+i7zCWk=
R:alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub
Z:Q1Mcpgn56zPVTUyYBmBxRT6eTzXOc=
F:usr
F:usr/share
F:usr/share/apk
F:usr/share/apk/keys
R:alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub
Z:Q1IPz0FsCEzLL00mdzCIIKOkyHW1c=
R:alpine-devel@lists.alpinelinux.org-5261cecb.rsa.pub
Z:Q1Mk1Kj9mXaASgK8e7WLPZMvaaCto=
R:alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub
Z:Q1OhhvIoy1BYQ4jx0gvPEuAscbHqg=
F:usr/share/apk/keys/x86_64
R:alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub
a:0:0:777
Z:Q1V1liFGpeK492EN0FnQQ0Q8dHY00=
R:alpine-devel@lists.alpinelinux.org-5261cecb.rsa.pub
a:0:0:777
Z:Q1mnOuFYg+5T0B9lCUKdK8mYTO2H4=
R:alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub
a:0:0:777
Z:Q1z0Wv4BYQhJdWSThzHTqPqrD4qMc=

C:Q1NOrcm1UhOlmqRPWrwOB+NuAJZ1U=
P:apk-tools
V:2.14.0-r5
A:x86_64
S:120973
I:307200
T:Alpine Package Keeper - package manager for alpine
U:https://gitlab.alpinelinux.org/alpine/apk-tools
L:GPL-2.0-only
o:apk-tools
m:Natanael Copa <ncopa@alpinelinux.org>
t:1701272183
c:0a0fef9893c984de07f9ba3a32b3a9c66b065386
D:musl>=1.2.3_git20230424 ca-certificates-bundle so:libc.musl-x86_64.so.1 so:libcrypto.so.3 so:libssl.so.3 so:libz.so.1
p:so:libapk.so.2.14.0=2.14.0 cmd:apk=2.14.0-r5
F:etc
F:etc/apk
F:etc/apk/keys
F:etc/apk/protected_paths.d
F:lib
R:libapk.so.2.14.0
a:0:0:755
Z:Q1ZX+74TLIsycG9vfbLi1eIt4xJo8=
F:lib/apk
F:lib/apk/db
F:lib/apk/exec
F:sbin
R:apk
a:0:0:755
Z:Q1P0aqvUxGemUwWK1Ji8gtHF6/G1o=

C:Q1725sLsVZn9OcmGMQQu/kj/xTfp4=
P:busybox
V:1.36.1-r15
A:x86_64
S:511738
I:950272
T:Size optimized toolbox of many common UNIX utilities
U:https://busybox.net/
L:GPL-2.0-only
o:busybox
m:Sören Tempel <soeren+alpine@soeren-tempel.net>
t:1701259327
c:e4a2e3ff7f987410fd84894dd0112204f493c551
D:so:libc.musl-x86_64.so.1
p:cmd:busybox=1.36.1-r15
r:busybox-initscripts
F:bin
R:busybox
a:0:0:755
Z:Q1puyGKKdz8bOOJjAMJACLedz2t9Y=
F:etc
R:securetty
Z:Q1BNF4gOLcjnW4/13oWqDFfgC2h4E=
R:udhcpd.conf
Z:Q1D+C3fc6OHlN6FnmJeGp95FShtQI=
F:etc/logrotate.d
R:acpid
Z:Q1N3QTXINW3q9/D25DXzp4uowY41g=
F:etc/network
F:etc/network/if-up.d
R:dad
a:0:0:775
Z:Q1u5HhDlhcEfSJ5Xfoiw20PnQWbWs=
F:sbin
F:tmp
M:0:0:1777
F:usr
F:usr/sbin
F:usr/share
F:usr/share/udhcpc
R:default.script
a:0:0:755
Z:Q1Tjv6vRq8WFkSkAHJ6O66rVk5/ok=
F:var
F:var/cache
F:var/cache/misc

C:Q1xSnTnn4L2LyQk091W0g4XLpkG8A=
P:busybox-binsh
V:1.36.1-r15
A:x86_64
S:1536
I:8192
T:busybox ash /bin/sh
U:https://busybox.net/
L:GPL-2.0-only
o:busybox
m:Sören Tempel <soeren+alpine@soeren-tempel.net>
t:1701259327
c:e4a2e3ff7f987410fd84894dd0112204f493c551
k:100
D:busybox=1.36.1-r15
p:/bin/sh cmd:sh=1.36.1-r15
r:busybox-initscripts
F:bin
R:sh
a:0:0:777
Z:Q1+2eL85bhBy7GcEDmwe59wtj6vvg=

C:Q1lk4HuBSRjRpBfiRQh3vd91OShjc=
P:ca-certificates-bundle
V:20230506-r0
A:x86_64
S:126576
I:233472
T:Pre generated bundle of Mozilla certificates
U:https://www.mozilla.org/en-US/about/governance/policies/security-group/certs/
L:MPL-2.0 AND MIT
o:ca-certificates
m:Natanael Copa <ncopa@alpinelinux.org>
t:1683887564
c:1cfe19f76922256dd4f2d3d9a529e2b36fd45fed
p:ca-certificates-cacert=20230506-r0
r:libressl2.7-libcrypto libcrypto1.1
F:etc
F:etc/ssl
R:cert.pem
a:0:0:777
Z:Q1sklIzkn5dAoS155g0v7aP7rgqpo=
F:etc/ssl/certs
R:ca-certificates.crt
Z:Q1mYaeqcEYyxX5eh7ulpuJeT6zeiM=
F:etc/ssl1.1
R:cert.pem
a:0:0:777
Z:Q1NtF1WtbkUSVTZhu2lPuYmntXd6k=
R:certs
a:0:0:777
Z:Q1EBJrLa2unIAro1nBJx05BK0PqUo=

C:Q1QXQCvPINlDX38U1LKnpFiZot1U8=
P:libc-utils
V:0.7.2-r5
A:x86_64
S:1480
I:4096
T:Meta package to pull in correct libc
U:https://alpinelinux.org
L:BSD-2-Clause AND BSD-3-Clause
o:libc-dev
m:Natanael Copa <ncopa@alpinelinux.org>
t:1681228881
c:13d41c61858fb53689e823718be7cf79e6639735
D:musl-utils

C:Q1fiHNMA87qRKfVl9inTxa4IqhM8A=
P:libcrypto3
V:3.1.4-r5
A:x86_64
S:1710024
I:4395008
T:Crypto library from openssl
U:https://www.openssl.org/
L:Apache-2.0
o:openssl
m:Ariadne Conill <ariadne@dereferenced.org>
t:1707159567
c:c60b0950a378b5f11d4f1bd45f1f5cfc8eb7aedc
D:so:libc.musl-x86_64.so.1
p:so:libcrypto.so.3=3
r:libcrypto1.1
F:etc
F:etc/ssl
R:ct_log_list.cnf
Z:Q1aETPydyIsWsaRZ1kLruYmspbi6Q=
R:ct_log_list.cnf.dist
Z:Q1Rn2CDMEfRc5pYl/kThSaNARjeOc=
R:openssl.cnf
Z:Q1rkIawCgINTFq6oks+24Ie3kE8SQ=
R:openssl.cnf.dist
Z:Q1ceDKdUmu/nQl2TT6xB0Ug9A8gFA=
F:etc/ssl/certs
F:etc/ssl/misc
R:CA.pl
a:0:0:755
Z:Q1L3Cm3sNTYxpeQLCpZIuP/nPuJKM=
R:tsget
a:0:0:777
Z:Q1Zzsrtd+My89/sGMnsOagZ0vGrpM=
R:tsget.pl
a:0:0:755
Z:Q1O4v7ZqCj0wnv/e1z64p3SWjyVG4=
F:etc/ssl/private
F:lib
R:libcrypto.so.3
a:0:0:755
Z:Q1XoZInvS07yvfYXf0OI9ZdTdjNr4=
F:usr
F:usr/lib
R:libcrypto.so.3
a:0:0:777
Z:Q18V+JZ7uu63sKP0YTQH65ACICzX4=
F:usr/lib/engines-3
R:afalg.so
a:0:0:755
Z:Q1VLmSATJS6wR0maKEo/3FMTq8+0U=
R:capi.so
a:0:0:755
Z:Q1pY6Y2bKlYKkXnenzfDtppJ91r9s=
R:loader_attic.so
a:0:0:755
Z:Q1B2epi/pRYPr31iG7zl9TYMWe4bg=
R:padlock.so
a:0:0:755
Z:Q1pBc9RMalqhKhtdtyPXNBw/iA0iw=
F:usr/lib/ossl-modules
R:legacy.so
a:0:0:755
Z:Q1CCAzHmDfF9guVwO+JPuGmkJTBiE=

C:Q1BgIMI1wDFChAlI0x4l7fs7c/dpg=
P:libssl3
V:3.1.4-r5
A:x86_64
S:243404
I:606208
T:SSL shared libraries
U:https://www.openssl.org/
L:Apache-2.0
o:openssl
m:Ariadne Conill <ariadne@dereferenced.org>
t:1707159567
c:c60b0950a378b5f11d4f1bd45f1f5cfc8eb7aedc
D:libcrypto3=3.1.4-r5 so:libc.musl-x86_64.so.1 so:libcrypto.so.3
p:so:libssl.so.3=3
r:openssl
F:lib
R:libssl.so.3
a:0:0:755
Z:Q1F4w/GAe9+dnYWuB1dQsEHEaLvC4=
F:usr
F:usr/lib
R:libssl.so.3
a:0:0:777
Z:Q1aQ6Eu4TV/T/Y39O+HKCHvj5gxKU=

C:Q1LTsdThvnyVXDdIV6Mg2Pt6H3gzI=
P:musl
V:1.2.4_git20230717-r4
A:x86_64
S:383352
I:622592
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT
o:musl
m:Timo Teräs <timo.teras@iki.fi>
t:1700762402
c:52c2c5543ad9aec7805ce3d3d0c183ed70d2e189
p:so:libc.musl-x86_64.so.1=1
F:lib
R:ld-musl-x86_64.so.1
a:0:0:755
Z:Q1utVtd8uWdIaoHa0p7c7sW2F6pWY=
R:libc.musl-x86_64.so.1
a:0:0:777
Z:Q1dAhIcCxMwlHb/OAKZlE3j8jL21c=

C:Q1Z4zGAwOtGZgfbIGDtf5rROy1Ho0=
P:musl-utils
V:1.2.4_git20230717-r4
A:x86_64
S:36938
I:135168
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT AND BSD-2-Clause AND GPL-2.0-or-later
o:musl
m:Timo Teräs <timo.teras@iki.fi>
t:1700762402
c:52c2c5543ad9aec7805ce3d3d0c183ed70d2e189
D:scanelf so:libc.musl-x86_64.so.1
p:cmd:getconf=1.2.4_git20230717-r4 cmd:getent=1.2.4_git20230717-r4 cmd:iconv=1.2.4_git20230717-r4 cmd:ldconfig=1.2.4_git20230717-r4 cmd:ldd=1.2.4_git20230717-r4
r:libiconv
F:sbin
R:ldconfig
a:0:0:755
Z:Q12SlRH7wAvdivUk1f5sB3d9nIElw=
F:usr
F:usr/bin
R:getconf
a:0:0:755
Z:Q13fQDkUUXGUeSUwb+DIdurnH2e0o=
R:getent
a:0:0:755
Z:Q18Xsc73bPIw7D4nStWrypkzPHkhY=
R:iconv
a:0:0:755
Z:Q18+775wKGgxBn4a1gkJc1wevxzZY=
R:ldd
a:0:0:755
Z:Q1/2Lpx/0Kae0aYyAK3QoIAP/5YNQ=

C:Q1kwlXoLRsHD23tCBwZf6Bu4woYwg=
P:openssl
V:3.1.4-r5
A:x86_64
S:339838
I:819200
T:Toolkit for Transport Layer Security (TLS)
U:https://www.openssl.org/
L:Apache-2.0
o:openssl
m:Ariadne Conill <ariadne@dereferenced.org>
t:1707159567
c:c60b0950a378b5f11d4f1bd45f1f5cfc8eb7aedc
D:libssl3=3.1.4-r5 libcrypto3=3.1.4-r5 so:libc.musl-x86_64.so.1 so:libcrypto.so.3 so:libssl.so.3
p:openssl3=3.1.4-r5 cmd:openssl=3.1.4-r5
r:openssl3
F:usr
F:usr/bin
R:openssl
a:0:0:755
Z:Q1x7MeOWq92O2qwtknXS0MFICzwfk=

C:Q19/LLCsb41MPv/HAW/I4+xobmE6c=
P:scanelf
V:1.3.7-r2
A:x86_64
S:32390
I:81920
T:Scan ELF binaries for stuff
U:https://wiki.gentoo.org/wiki/Hardened/PaX_Utilities
L:GPL-2.0-only
o:pax-utils
m:Natanael Copa <ncopa@alpinelinux.org>
t:1687178519
c:8baf80849f74f4c423828b9a101b14728bcf3d6b
D:so:libc.musl-x86_64.so.1
p:cmd:scanelf=1.3.7-r2
r:pax-utils
F:usr
F:usr/bin
R:scanelf
a:0:0:755
Z:Q1HQXcFwCj60Jh1xw27s7YvMe9G0k=

C:Q1yMCzO/DiaOX8wyfy4Lv9KhoPV7M=
P:ssl_client
V:1.36.1-r15
A:x86_64
S:4670
I:28672
T:EXternal ssl_client for busybox wget
U:https://busybox.net/
L:GPL-2.0-only
o:busybox
m:Sören Tempel <soeren+alpine@soeren-tempel.net>
t:1701259327
c:e4a2e3ff7f987410fd84894dd0112204f493c551
D:so:libc.musl-x86_64.so.1 so:libcrypto.so.3 so:libssl.so.3
p:cmd:ssl_client=1.36.1-r15
i:busybox=1.36.1-r15 libssl3
r:busybox-initscripts
F:usr
F:usr/bin
R:ssl_client
a:0:0:755
Z:Q1OdNIbTZ6g2uz4/SB7ZdGHlplAC4=

C:Q1wbWOvPqFsLOmas2ibWG04eVmcas=
P:zlib
V:1.3.1-r0
A:x86_64
S:53599
I:110592
T:A compression/decompression Library
U:https://zlib.net/
L:Zlib
o:zlib
m:Natanael Copa <ncopa@alpinelinux.org>
t:1706264516
c:c79cf08caadc4a9a48191b41994fb7a0441c7c64
D:so:libc.musl-x86_64.so.1
p:so:libz.so.1=1.3.1
F:lib
R:libz.so.1
a:0:0:777
Z:Q1Z66KgN7ZG/Lbkai9PtknE4To2wY=
R:libz.so.1.3.1
a:0:0:755
Z:Q1O/wxPVOp3Trj2zCC+iZQWdc3aSM=

EOF

printf '%s\n' "$DIR"
