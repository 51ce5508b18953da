# lib.sh: what the shell tests share, sourced after `set -u`: the program
# under test, a scratch folder removed on exit, the counters, and check.
bin="${CANTING_BUILD_DIR:-build}/canting"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# check NAME EXPECTED_STATUS PATTERN COMMAND...: the command exits with the
# status and its output (stdout and stderr) matches the extended regex.
check() {
    name=$1 want=$2 pattern=$3
    shift 3
    "$@" > "$tmp/out" 2>&1
    got=$?
    if [ "$got" -ne "$want" ] || ! grep -Eq -- "$pattern" "$tmp/out"; then
        bad "$name: status $got (want $want), output: $(cat "$tmp/out")"
    else
        ok
    fi
}
