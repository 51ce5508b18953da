#!/bin/sh
# test_docs.sh: every whole ```motif example in docs/motif-language.md (one
# with its `motif` line; fragments of a draw block are left out) loads and
# renders, so the reference never shows what canting refuses.  Examples are
# written side by side into one folder, so those that `use` another find it.
set -u
. tests/lib.sh
awk -v dir="$tmp" '
    /^```motif$/ { n++; file = sprintf("%s/example%02d.motif", dir, n); inside = 1; next }
    /^```/ && inside { inside = 0; close(file); next }
    inside { print > file }
' docs/motif-language.md
# name each file after its motif, as `use` looks for NAME.motif
for f in "$tmp"/example*.motif; do
    name=$(awk '$1 == "motif" { print $2; exit }' "$f")
    [ -n "$name" ] && [ ! -e "$tmp/$name.motif" ] && cp "$f" "$tmp/$name.motif"
done
for f in "$tmp"/example*.motif; do
    grep -q '^motif ' "$f" || continue
    if grep -q '^repeat' "$f"; then
        out=$("$bin" render "$f" -o "$tmp/out.png" --dpi 20 -q 2>&1)
    else
        out=$("$bin" check "$f" 2>&1)   # a part drawn only by `use`
    fi
    if [ $? -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $(basename "$f"): $out"; sed -n 1,3p "$f"; fi
done
[ "$pass" -ge 15 ] || { echo "FAIL only $pass examples found"; fail=$((fail + 1)); }
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
