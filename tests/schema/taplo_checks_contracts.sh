#!/usr/bin/env bash
# tests/schema/taplo_checks_contracts.sh TAPLO
#
# What an editor with taplo / Even Better TOML does with the contract schema, offline (in a
# network namespace of its own, so a schema fetched from anywhere but the checkout would fail):
# `taplo check --schema` passes every example contract and rejects one with an unknown key; and
# the repository's .taplo.toml applies the schema to contracts/**/*.toml by itself.
set -euo pipefail
TAPLO=$1
SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SCHEMA=$SOURCE_DIR/contracts/schema/hallmark-contract.schema.json
fail() { echo "FAIL: $*" >&2; exit 1; }
[[ -x $TAPLO ]] || fail "taplo is not installed at $TAPLO (.ci/setup installs @taplo/cli with npm)"
offline() { unshare --net -- "$TAPLO" "$@"; }

offline check --no-auto-config --schema "file://$SCHEMA" "$SOURCE_DIR"/contracts/examples/*.toml ||
    fail "taplo rejects an example contract"
if offline check --no-auto-config --schema "file://$SCHEMA" "$SOURCE_DIR/tests/data/contracts/broken.toml" 2>/dev/null; then
    fail "taplo accepts tests/data/contracts/broken.toml (unknown key 'verison')"
fi

# .taplo.toml, in a copy of the layout it maps, with one bad contract among the good ones.
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/contracts/schema" "$WORK/contracts/examples"
cp "$SOURCE_DIR/.taplo.toml" "$WORK/"
cp "$SCHEMA" "$WORK/contracts/schema/"
cp "$SOURCE_DIR"/contracts/examples/*.toml "$WORK/contracts/examples/"
(cd "$WORK" && offline check contracts/examples/*.toml) || fail "with .taplo.toml, taplo rejects an example contract"
cp "$SOURCE_DIR/tests/data/contracts/broken.toml" "$WORK/contracts/examples/"
if (cd "$WORK" && offline check contracts/examples/*.toml 2>/dev/null); then
    fail ".taplo.toml does not apply the schema to contracts/**/*.toml"
fi
echo "taplo $("$TAPLO" --version | cut -d' ' -f2): the examples pass, an unknown key fails, offline"
