#!/bin/sh
# Runs each libFuzzer target for FUZZ_SECONDS (default 60) from the top
# folder, with the shipped seeds (read-only: motifs/, tests/bad/,
# tests/fuzz/corpus/) and a writable corpus under BUILD/corpus/, then prints
# each target's final figures (executions, coverage) for docs/robustness.md.
# Fails on any crash, hang (-timeout), leak, sanitizer report or memory blow-up.
# usage: sh tests/fuzz/run.sh build-fuzz
set -u
build=${1:-build-fuzz}
seconds=${FUZZ_SECONDS:-60}
mkdir -p "$build/artifacts"
failed=0

# target, -max_len, seed folders
run_one() {
    target=$1 max_len=$2
    shift 2
    corpus="$build/corpus/$target"
    log="$build/fuzz_$target.log"
    mkdir -p "$corpus"
    extra=""
    [ -f "tests/fuzz/$target.dict" ] && extra="-dict=tests/fuzz/$target.dict"
    # shellcheck disable=SC2086
    "$build/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
        -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" $extra "$corpus" "$@" > "$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    units=$(find "$corpus" -type f | wc -l)
    if [ $rc -eq 0 ]; then
        echo "PASS fuzz_$target  ${seconds}s  execs: ${execs:-?} (${rate:-?}/s)  cov: ${cov:-?}  ft: ${ft:-?}  corpus: $units"
    else
        failed=$((failed + 1))
        echo "FAIL fuzz_$target (exit $rc); the input is under $build/artifacts/:"
        grep -E 'ERROR|SUMMARY|runtime error|Test unit written|==[0-9]+==' "$log" | head -n 30
    fi
}

run_one motif 16384 motifs tests/bad tests/fuzz/corpus/motif
run_one image 65536 tests/fuzz/corpus/image
run_one args 512 tests/fuzz/corpus/args
[ "$failed" -eq 0 ]
