#!/bin/sh
# Runs every test program given; under CANTING_VALGRIND=1 each runs inside
# valgrind memcheck, which fails the run on any error or leak.
# Programs named *.sh run under sh (they print their own "N passed, N failed").
# Each program gets CANTING_TEST_TIMEOUT seconds (default 900): a hang
# fails the run instead of stalling it.
# Prints one closing line "N passed, N failed" over all programs.
passed=0
failed=0
limit=${CANTING_TEST_TIMEOUT:-900}
# fontconfig's process-long caches are not our leaks (see tests/lsan.supp)
LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
for t in "$@"; do
    name=$(basename "$t")
    log="${CANTING_BUILD_DIR:-build}/tests/$name.log"
    start=$(date +%s)
    case "$t" in
    *.sh)
        timeout "$limit" sh "$t" > "$log" 2>&1 ;;
    *)
    if [ "${CANTING_VALGRIND:-0}" = 1 ]; then
        CK_FORK=no timeout "$limit" valgrind --quiet --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite,indirect "$t" > "$log" 2>&1
    else
        timeout "$limit" "$t" > "$log" 2>&1
    fi ;;
    esac
    rc=$?
    [ $rc -eq 124 ] && echo "(stopped after $limit s)" >> "$log"
    took=$(( $(date +%s) - start ))
    summary=$(grep -E '^[0-9]+%: Checks|^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    if [ $rc -eq 0 ]; then
        passed=$((passed + 1)); echo "PASS $name  $summary  (${took} s)"
    else
        failed=$((failed + 1)); echo "FAIL $name  $summary  (${took} s)"; cat "$log"
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
