#!/bin/sh
# Runs the benchmarks built under the build folder given as $1 (default
# build).  Figures are printed, never checked: speed is reported only.
build=${1:-build}
set -e
echo "== bench_span"
"$build/bench/bench_span"
