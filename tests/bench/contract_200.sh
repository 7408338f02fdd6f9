#!/usr/bin/env bash
# Benchmark: wall time of a 200-clause contract against a running container, over docker exec
# (docker:NAME) and over SSH (the same image running sshd on 127.0.0.1 with --network host),
# against the time the same number of one-exec-per-check round trips would take.
# Usage: tests/bench/contract_200.sh [RUNS]   (after .ci/setup; prints a small table)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
runs=${1:-5}
image=$(tests/images/build-debian-image.sh | tail -n 1)
work=$(mktemp -d)
container="hallmark-bench-$$"
sshd_container="hallmark-bench-sshd-$$"
cleanup() { docker rm -f "$container" "$sshd_container" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
docker run -d --network none --name "$container" --entrypoint /bin/sh "$image" -c 'sleep infinity' >/dev/null

# 200 clauses over every fact kind: 80 packages, 50 files, 30 sysctls, 20 ports, 20 commands.
contract=$work/contract-200.toml
{
  printf '[contract]\nname = "bench-200"\nversion = "1.0.0"\n'
  docker exec "$container" dpkg-query -W -f '${Package}\n' | head -n 80 |
    while read -r name; do printf '\n[[package]]\nname = "%s"\n' "$name"; done
  docker exec "$container" sh -c 'ls -d /etc/* | head -n 50' |
    while read -r path; do printf '\n[[file]]\npath = "%s"\n' "$path"; done
  docker exec "$container" sh -c 'cd /proc/sys/kernel && for f in *; do [ -f "$f" ] && [ -r "$f" ] && cat "$f" >/dev/null 2>&1 && echo "$f"; done | head -n 30' |
    while read -r key; do printf '\n[[sysctl]]\nkey = "kernel.%s"\nmatches = ".*"\n' "$key"; done
  for port in $(seq 10001 10020); do printf '\n[[port]]\nclosed = "tcp/%s"\n' "$port"; done
  for i in $(seq 1 20); do printf '\n[[command]]\nid = "cmd-%s"\nrun = "echo %s"\nstdout_contains = ["%s"]\n' "$i" "$i" "$i"; done
} >"$contract"
clauses=$(grep -c '^\[\[' "$contract")

# shellcheck source=tests/bench/lib.sh
source tests/bench/lib.sh

hallmark=$(time_it build/hallmark run --target "docker:$container" "$contract")

# sshd from the same image on a free loopback port, with a throw-away key.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ssh-keygen -q -t ed25519 -N '' -f "$work/key"
docker run -d --network host --name "$sshd_container" -v "$work/key.pub:/root/.ssh/authorized_keys:ro" "$image" \
  /usr/sbin/sshd -D -e -p "$port" -o ListenAddress=127.0.0.1 -o StrictModes=no >/dev/null
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
ssh_args=(--target "ssh:root@127.0.0.1:$port" --identity "$work/key" --known-hosts "$work/known_hosts" --accept-new-host-key)
# The first run records the host key; both transports must judge the contract the same way.
ssh_status=0; build/hallmark run "${ssh_args[@]}" "$contract" >"$work/ssh.out" 2>&1 || ssh_status=$?
docker_status=0; build/hallmark run --target "docker:$container" "$contract" >"$work/docker.out" 2>&1 || docker_status=$?
over_ssh=$(time_it build/hallmark run "${ssh_args[@]}" "$contract")
one_exec=$(time_it docker exec "$container" true)
echo "clauses: $clauses (exit over docker exec: $docker_status, over ssh: $ssh_status)"
grep '^hallmark: .* clauses' "$work/docker.out" "$work/ssh.out" | sed "s|$work/||"
echo "hallmark run, ${clauses} clauses, docker:NAME (median of $runs): ${hallmark} s"
echo "hallmark run, ${clauses} clauses, ssh:root@127.0.0.1 (median of $runs): ${over_ssh} s"
echo "one docker exec round trip (median of $runs): ${one_exec} s"
echo "one exec per clause would take about: $(awk -v t="$one_exec" -v n="$clauses" 'BEGIN { printf "%.1f", t * n }') s"
