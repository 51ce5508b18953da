#!/bin/sh
# run_browser.sh: the studio's browser test (tests/studio/browser.js) in
# headless Chromium, against a studio on a free loopback port with a fresh
# motif folder.  Screenshots go to $CANTING_BUILD_DIR/tests/studio/.
#
# It needs Debian's chromium, node, and playwright-core installed by
# tests/studio/setup_browser.sh into build/studio-node.  Without them it says
# SKIP and passes, unless CANTING_REQUIRE_BROWSER=1 (as in CI), where a
# missing piece fails.
set -u
build="${CANTING_BUILD_DIR:-build}"
bin="$build/canting"
out="$build/tests/studio"
modules="${CANTING_NODE_MODULES:-build/studio-node/node_modules}"
chromium="${CHROMIUM:-/usr/bin/chromium}"

skip() {
    if [ "${CANTING_REQUIRE_BROWSER:-0}" = 1 ]; then
        echo "FAIL browser test: $1"
        echo "0 passed, 1 failed"
        exit 1
    fi
    echo "SKIP studio browser test: $1"
    echo "0 passed, 0 failed"
    exit 0
}
[ -x "$chromium" ] || skip "no Chromium at $chromium (apt-get install chromium)"
command -v node > /dev/null 2>&1 || skip "no node (apt-get install nodejs)"
[ -d "$modules/playwright-core" ] || skip "no playwright-core in $modules (sh tests/studio/setup_browser.sh)"
"$bin" studio --help > /dev/null 2>&1 && ! "$bin" studio --help | grep -q "without libmicrohttpd" ||
    skip "this canting has no studio (built without libmicrohttpd)"

mkdir -p "$out"
motifs=$(mktemp -d)
log="$out/server.log"
: > "$out/server.out" # before the server starts, so no earlier run's address is read
"$bin" studio "$motifs" --port 0 > "$out/server.out" 2> "$log" &
server=$!
cleanup() {
    kill -TERM "$server" 2> /dev/null
    wait "$server" 2> /dev/null
    rm -rf "$motifs"
}
trap cleanup EXIT
url=""
for _ in $(seq 1 100); do
    url=$(sed -n 's|.*open \(http://[^ ]*\) .*|\1|p' "$out/server.out")
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "FAIL the studio did not start:"; cat "$log"; echo "0 passed, 1 failed"; exit 1; }

NODE_PATH="$modules" CHROMIUM="$chromium" timeout 300 node tests/studio/browser.js "$url" "$out" "$motifs"
rc=$?
[ $rc -eq 0 ] || { echo "server log:"; cat "$log"; kill -0 "$server" 2>/dev/null && echo "(the server is running)" || echo "(the server has exited)"; }
exit $rc
