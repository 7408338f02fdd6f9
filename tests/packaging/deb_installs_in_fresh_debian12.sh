#!/usr/bin/env bash
# tests/packaging/deb_installs_in_fresh_debian12.sh DEB
#
# Installs the hallmark .deb with `apt-get install ./hallmark_*.deb` in a fresh container of the
# Debian 12 minbase test image (on --network host, so apt reaches the Debian mirror and installs
# the Depends that dpkg-shlibdeps computed), then runs the installed hallmark there: --version,
# and `hallmark check` on an installed example contract. The container is removed on every path.
# Prints the .deb's size and Depends line, and how long the test took.
set -euo pipefail
DEB=$(realpath -e "$1")
SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }

IMAGE=$("$SOURCE_DIR/tests/images/build-debian-image.sh")
NAME=hallmark-deb-test-$$
trap 'docker rm -f "$NAME" >/dev/null 2>&1 || true' EXIT
docker run -d --name "$NAME" --network host -v "$(dirname "$DEB"):/deb:ro" "$IMAGE" sleep infinity >/dev/null
in_container() { docker exec -e DEBIAN_FRONTEND=noninteractive -w /deb "$NAME" "$@"; }

# A fresh minbase has neither hallmark nor the libraries it links (libssh, re2, fmt, ...).
if in_container sh -c 'command -v hallmark' >/dev/null; then fail "hallmark is already in $IMAGE"; fi
in_container apt-get update -q >/dev/null
in_container apt-get install -y -q --no-install-recommends "./$(basename "$DEB")" >&2

version=$(in_container hallmark --version)
[[ $version == "$(dpkg-deb -f "$DEB" Version)" ]] || fail "hallmark --version printed '$version'"
in_container hallmark check /usr/share/doc/hallmark/examples/debian12-base.toml >&2 ||
    fail "hallmark check rejected the installed example"
for path in /usr/bin/hallmark /usr/share/man/man1/hallmark.1 /usr/share/doc/hallmark/contracts.md \
    /usr/share/doc/hallmark/examples/rhel9-base.toml /usr/share/hallmark/schema/hallmark-contract.schema.json \
    /usr/share/bash-completion/completions/hallmark; do
    in_container test -f "$path" || fail "the package did not install $path"
done
in_container grep -q '^\.SH "EXIT STATUS"' /usr/share/man/man1/hallmark.1 || fail "the man page has no EXIT STATUS"
for command in $(in_container hallmark --help | awk '/^Subcommands:$/ { on = 1; next } on && /^  [^ ]/ { print $1 }'); do
    in_container grep -q "^\.SS \"hallmark $command\"" /usr/share/man/man1/hallmark.1 ||
        fail "the man page has no section on hallmark $command"
done

echo "deb: $(basename "$DEB"), $(stat -c %s "$DEB") bytes"
echo "Depends: $(dpkg-deb -f "$DEB" Depends)"
echo "installed in a fresh Debian 12 container and checked an example in ${SECONDS}s"
