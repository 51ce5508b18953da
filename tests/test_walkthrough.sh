#!/bin/sh
# test_walkthrough.sh: README.md's walkthrough ("From sixteen variations to
# films and cap blocks") runs as written: every `canting` command in it,
# in a scratch folder (--watch left out, so it ends), and --pick prints
# what the README shows.
set -u
bin="$(pwd)/${CANTING_BUILD_DIR:-build}/canting"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

sed -n '/^## From sixteen variations/,/^## /p' README.md > "$tmp/section"
grep '^canting ' "$tmp/section" | sed 's/ *#.*//; s/ --watch//' > "$tmp/commands"
[ "$(wc -l < "$tmp/commands")" -ge 8 ] && ok || bad "the walkthrough has $(wc -l < "$tmp/commands") commands"
printf 'motif my\ninks\n  cloth #fff\n  ink #000\nrepeat 1cm\ndraw\n  circle r 3mm fill ink\n' > "$tmp/my.motif"
while read -r line; do
    (cd "$tmp" && eval "\"\$bin\" ${line#canting }") > "$tmp/out" 2>&1 < /dev/null && ok || bad "$line: $(cat "$tmp/out")"
done < "$tmp/commands"
for f in sheet.png kawung.png kawung.pdf films.pdf cap-cap01.png cap-overview.png cap-caps.txt; do
    [ -s "$tmp/$f" ] && ok || bad "the walkthrough made no $f"
done
shown=$(sed -n 's/^\$ canting explore \(.*\)/\1/p' "$tmp/section")
printed=$(cd "$tmp" && eval "\"\$bin\" explore $shown")
grep -qxF -- "$printed" "$tmp/section" && ok || bad "--pick prints '$printed', not what the README shows"
(cd "$tmp" && eval "\"\$bin\" ${printed#canting }") > /dev/null && python3 tests/pngcheck.py cell "$tmp/sheet.png" 7 4 200 "$tmp/sheet-7.png" &&
    ok || bad "the picked command does not make cell 7"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
