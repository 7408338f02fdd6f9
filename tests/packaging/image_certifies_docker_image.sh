#!/usr/bin/env bash
# tests/packaging/image_certifies_docker_image.sh DEB
#
# Builds the hallmark container image from the .deb (tests/images/build-hallmark-image.sh) and
# runs it the way a pipeline does: on --network none, the host's Docker socket mounted, certifying
# the Debian 12 test image against the installed example contract, with the JUnit report written
# to a mounted directory. Checks the exit code (0: the test image meets the example) and the
# report. Prints the image size and how long the test took.
set -euo pipefail
DEB=$(realpath -e "$1")
SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }

TARGET_IMAGE=$("$SOURCE_DIR/tests/images/build-debian-image.sh")
IMAGE=$("$SOURCE_DIR/tests/images/build-hallmark-image.sh" "$DEB")
REPORTS=$(mktemp -d)
NAME=hallmark-image-test-$$
trap 'docker rm -f "$NAME" >/dev/null 2>&1 || true; rm -rf "$REPORTS"' EXIT

status=0
docker run --rm --name "$NAME" --network none -v /var/run/docker.sock:/var/run/docker.sock \
    -v "$REPORTS:/reports" "$IMAGE" \
    run --target "docker-image:$TARGET_IMAGE" --junit /reports/report.xml \
    /usr/share/doc/hallmark/examples/debian12-base.toml >&2 || status=$?
[[ $status == 0 ]] || fail "hallmark in its image exited $status, expected 0"

REPORT=$REPORTS/report.xml
[[ -s $REPORT ]] || fail "no JUnit report in the mounted directory"
xmllint --noout "$REPORT" || fail "the JUnit report is not well-formed XML"
cases=$(xmllint --xpath 'count(//testcase)' "$REPORT")
failures=$(xmllint --xpath 'count(//testcase[failure or error])' "$REPORT")
((cases >= 20)) || fail "the report has $cases test cases; the example has more clauses"
((failures == 0)) || fail "the report has $failures failed test cases but hallmark exited 0"
[[ $(xmllint --xpath 'string(//testsuite/@name)' "$REPORT") == *debian12-base* ]] ||
    fail "the report's suite does not name the contract"
# hallmark removes the container it booted, through the mounted socket. Inside its own container
# hallmark is PID 1, which its containers carry as their owner-pid label.
[[ -z $(docker ps -aq --filter "ancestor=$TARGET_IMAGE" --filter label=org.hallmark.owner-pid=1) ]] ||
    fail "hallmark left a container of $TARGET_IMAGE behind"

echo "image: $IMAGE, $(docker image inspect --format '{{.Size}}' "$IMAGE") bytes"
echo "report: $cases test cases, $failures failed"
echo "built the image and certified $TARGET_IMAGE from it in ${SECONDS}s"
