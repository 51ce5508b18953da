#!/bin/sh
# Runs every test program given; under CANTING_VALGRIND=1 each runs inside
# valgrind memcheck, which fails the run on any error or leak.
# Prints one closing line "N passed, N failed" over all programs.
passed=0
failed=0
for t in "$@"; do
    name=$(basename "$t")
    if [ "${CANTING_VALGRIND:-0}" = 1 ]; then
        CK_FORK=no valgrind --quiet --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite,indirect "$t" > "$t.log" 2>&1
    else
        "$t" > "$t.log" 2>&1
    fi
    rc=$?
    summary=$(grep -E '^[0-9]+%: Checks' "$t.log" | tail -n 1)
    if [ $rc -eq 0 ]; then
        passed=$((passed + 1)); echo "PASS $name  $summary"
    else
        failed=$((failed + 1)); echo "FAIL $name  $summary"; cat "$t.log"
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
