#!/usr/bin/env bash
# Benchmark: the same 200 checks (88 packages with their versions, 37 files, 75 commands) against
# one running container, by hallmark (docker:NAME), pytest-testinfra (docker backend) and
# serverspec (specinfra's docker backend), side by side. Speed is measured here, never asserted.
# Usage: tests/bench/peers_200.sh [RUNS]   (after .ci/setup; needs python3-testinfra,
# python3-pytest, ruby-serverspec and ruby-docker-api, which it installs when missing)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
runs=${1:-5}
for package in python3-testinfra python3-pytest ruby-serverspec ruby-docker-api; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$package" >/dev/null
done
image=$(tests/images/build-debian-image.sh | tail -n 1)
work=$(mktemp -d)
container="hallmark-peers-$$"
cleanup() { docker rm -f "$container" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
docker run -d --network none --name "$container" --entrypoint /bin/sh "$image" -c 'sleep infinity' >/dev/null

# The checks, once, as "kind<TAB>subject<TAB>expected" lines; every tool's spec is made from them.
docker exec "$container" dpkg-query -W -f '${Package}\t${Version}\n' | head -n 88 | sed 's/^/package\t/' >"$work/checks"
docker exec "$container" sh -c 'ls -d /etc/* | head -n 37' | sed 's/^/file\t/; s/$/\t/' >>"$work/checks"
for i in $(seq 1 75); do printf 'command\techo check-%s\tcheck-%s\n' "$i" "$i"; done >>"$work/checks"

contract=$work/contract.toml
testinfra_spec=$work/test_peers.py
serverspec_spec=$work/peers_spec.rb
printf '[contract]\nname = "peers-200"\nversion = "1.0.0"\n' >"$contract"
printf 'def test_checks(host):\n    failures = []\n' >"$testinfra_spec"
{
  printf "require 'serverspec'\nrequire 'docker'\nset :backend, :docker\nset :docker_container, '%s'\n" "$container"
} >"$serverspec_spec"
n=0
while IFS=$'\t' read -r kind subject expected; do
  n=$((n + 1))
  case $kind in
    package)
      printf '\n[[package]]\nname = "%s"\nversion = "= %s"\n' "$subject" "$expected" >>"$contract"
      printf '    p = host.package("%s")\n    if not (p.is_installed and p.version == "%s"): failures.append("%s")\n' \
        "$subject" "$expected" "$subject" >>"$testinfra_spec"
      printf "describe package('%s') do\n  it { should be_installed.with_version('%s') }\nend\n" "$subject" "$expected" >>"$serverspec_spec"
      ;;
    file)
      printf '\n[[file]]\npath = "%s"\n' "$subject" >>"$contract"
      printf '    if not host.file("%s").exists: failures.append("%s")\n' "$subject" "$subject" >>"$testinfra_spec"
      printf "describe file('%s') do\n  it { should exist }\nend\n" "$subject" >>"$serverspec_spec"
      ;;
    command)
      printf '\n[[command]]\nid = "cmd-%s"\nrun = "%s"\nstdout_contains = ["%s"]\n' "$n" "$subject" "$expected" >>"$contract"
      printf '    if "%s" not in host.run("%s").stdout: failures.append("cmd-%s")\n' "$expected" "$subject" "$n" >>"$testinfra_spec"
      printf "describe command('%s') do\n  its(:stdout) { should contain('%s') }\nend\n" "$subject" "$expected" >>"$serverspec_spec"
      ;;
  esac
done <"$work/checks"
printf '    assert failures == []\n' >>"$testinfra_spec"

# shellcheck source=tests/bench/lib.sh
source tests/bench/lib.sh
# Each tool must pass its checks once before it is timed: a benchmark of failing runs means nothing.
build/hallmark run --target "docker:$container" "$contract" >"$work/hallmark.out" 2>&1 ||
  { cat "$work/hallmark.out"; echo "hallmark failed the checks" >&2; exit 1; }
(cd "$work" && /usr/bin/python3 -m pytest -q -p no:cacheprovider --hosts="docker://$container" test_peers.py) \
  >"$work/testinfra.out" 2>&1 || { cat "$work/testinfra.out"; echo "testinfra failed the checks" >&2; exit 1; }
rspec "$serverspec_spec" >"$work/serverspec.out" 2>&1 || { tail -20 "$work/serverspec.out"; echo "serverspec failed the checks" >&2; exit 1; }

hallmark=$(time_it build/hallmark run --target "docker:$container" "$contract")
testinfra=$(time_it sh -c "cd '$work' && /usr/bin/python3 -m pytest -q -p no:cacheprovider --hosts=docker://$container test_peers.py")
serverspec=$(time_it rspec "$serverspec_spec")
echo "checks: $n (88 packages with versions, 37 files, 75 commands); median of $runs runs"
printf '%-28s %8s s\n' "hallmark (docker:NAME)" "$hallmark" "pytest-testinfra (docker)" "$testinfra" "serverspec (docker)" "$serverspec"
awk -v h="$hallmark" -v t="$testinfra" -v s="$serverspec" 'BEGIN { printf "hallmark is %.0fx faster than testinfra, %.0fx faster than serverspec\n", t / h, s / h }'
