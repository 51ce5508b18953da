#!/bin/sh
# test_help.sh: `canting help TOPIC` prints the manual pages without man;
# the pages are well-formed man(7) for those who have it.
set -u
. tests/lib.sh

# every command in `canting --help` has its part of canting(1)
for cmd in $("$bin" --help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' | sort -u); do
    if "$bin" help "$cmd" > "$tmp/out" 2>&1 && grep -q "^   canting $cmd" "$tmp/out"; then ok; else bad "help $cmd: $(cat "$tmp/out")"; fi
done
"$bin" help render > "$tmp/out" && grep -q -- "--watch renders again" "$tmp/out" && ! grep -q '\\f\|^\.' "$tmp/out" && ok ||
    bad "help render is not plain text: $(cat "$tmp/out")"
"$bin" help motif > "$tmp/out" && grep -q "^canting-motif(5)" "$tmp/out" && grep -q "^SYNOPSIS" "$tmp/out" &&
    grep -q "repeat W x H" "$tmp/out" && ok || bad "help motif: $(head "$tmp/out")"
"$bin" help canting | grep -q "^EXIT STATUS" && ok || bad "help canting"
"$bin" help | grep -q "^Usage: canting COMMAND" && ok || bad "help alone"
"$bin" help nosuch > "$tmp/out" 2>&1
[ $? -eq 2 ] && grep -q "no help on 'nosuch'" "$tmp/out" && ok || bad "help nosuch: $(cat "$tmp/out")"
# the motif page's example is a motif that loads
"$bin" help motif | sed -n '/^EXAMPLE/,/^SEE ALSO/p' | sed '1d;$d' | sed 's/^       //' > "$tmp/example.motif"
"$bin" check "$tmp/example.motif" > /dev/null 2>&1 && ok || bad "the example in canting-motif(5) does not load: $(cat "$tmp/example.motif")"
if command -v groff > /dev/null; then
    for page in docs/man/canting.1 docs/man/canting-motif.5; do
        groff -man -Tutf8 -ww -z "$page" > "$tmp/warn" 2>&1 && [ ! -s "$tmp/warn" ] && ok || bad "$page: $(cat "$tmp/warn")"
    done
else
    echo "SKIP test_help: groff is not installed; the pages are not checked with it"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
