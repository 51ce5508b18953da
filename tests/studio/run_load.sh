#!/bin/sh
# run_load.sh: a short load run (tests/studio/load.js) against a studio on a
# free loopback port: REQUESTS preview requests (default 400), CONCURRENCY at
# once (default 32), at most SECONDS (default 60).  Needs node.
set -u
bin="${CANTING_BUILD_DIR:-build}/canting"
out=$(mktemp)
"$bin" studio --port 0 --quiet > "$out" &
server=$!
trap 'kill -TERM "$server" 2> /dev/null; wait "$server" 2> /dev/null; rm -f "$out"' EXIT
url=""
for _ in $(seq 1 100); do
    url=$(sed -n 's|.*open \(http://[^ ]*\)/ .*|\1|p' "$out")
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "the studio did not start"; exit 1; }
timeout 300 node tests/studio/load.js "$url" "${1:-400}" "${2:-32}" "${3:-60}"
