#!/bin/sh
# test_explore.sh: `canting explore`: contact sheets of variations, --pick's
# command re-renders its cell pixel for pixel, seeds name sheets, threads do
# not change them.
set -u
. tests/lib.sh
png="python3 tests/pngcheck.py"


# Runs the command --pick prints, with this build's canting.
picked() { # EXPLORE_ARGS...
    cmd=$("$bin" explore "$@") || return 1
    echo "$cmd" | grep -q '^canting render ' || { echo "not a render command: $cmd"; return 1; }
    eval "\"\$bin\" ${cmd#canting }" > /dev/null
}

sweep="kawung -o $tmp/sheet.png --vary cell=3cm..6cm --vary petal=0.7..1"
# shellcheck disable=SC2086
check "a 4x4 sweep over two parameters" 0 "16 cells of 240 px" "$bin" explore $sweep
[ "$($png size "$tmp/sheet.png")" = "1020x1184" ] && ok || bad "sheet size $($png size "$tmp/sheet.png")"
for k in 1 6 16; do
    # shellcheck disable=SC2086
    if picked $sweep --pick $k && $png cell "$tmp/sheet.png" $k 4 240 "$tmp/sheet-$k.png"; then ok; else bad "cell $k re-rendered"; fi
done
# shellcheck disable=SC2086
"$bin" explore $sweep --pick 6 > "$tmp/pick"
grep -q -- "--set cell=40mm --set petal=0.8$" "$tmp/pick" && ok || bad "pick 6 printed $(cat "$tmp/pick")"

# random samples over every parameter, a border motif (field only), odd layout
rnd="metro -o $tmp/r.png --random 6 --seed 7 --cell 128"
# shellcheck disable=SC2086
check "random samples" 0 "6 cells of 128 px" "$bin" explore $rnd
# shellcheck disable=SC2086
"$bin" explore $rnd -q --threads 1 -o "$tmp/r1.png" && cmp -s "$tmp/r.png" "$tmp/r1.png" && ok || bad "one thread gave another sheet"
# shellcheck disable=SC2086
"$bin" explore $rnd -q -o "$tmp/r2.png" && cmp -s "$tmp/r.png" "$tmp/r2.png" && ok || bad "the same seed gave another sheet"
# shellcheck disable=SC2086
"$bin" explore $rnd -q -o "$tmp/r3.png" --seed 8 && ! cmp -s "$tmp/r.png" "$tmp/r3.png" && ok || bad "another seed gave the same sheet"
for k in 2 5; do
    # shellcheck disable=SC2086
    if picked $rnd --pick $k && $png cell "$tmp/r.png" $k 3 128 "$tmp/r-$k.png"; then ok; else bad "random cell $k re-rendered"; fi
done
# shellcheck disable=SC2086
"$bin" explore $rnd --pick 2 | grep -q -- "--field-only" && ok || bad "a border motif's pick needs --field-only"

lay="parang -o $tmp/p.png --vary lean=0.55..1.2 --grid 3x2 --layout half-drop --drop 0.25 --cell 96 --colourway sogan --set pen=0.8mm"
# shellcheck disable=SC2086
check "layout, colourway and a fixed --set" 0 "6 cells" "$bin" explore $lay
# shellcheck disable=SC2086
if picked $lay --pick 4 && $png cell "$tmp/p.png" 4 3 96 "$tmp/p-4.png"; then ok; else bad "parang cell 4 re-rendered"; fi
check "one sheet per colourway" 0 "p-keraton.png" "$bin" explore parang -o "$tmp/p.png" --vary lean=0.55..1.2 --grid 2x1 --colourway all
[ -s "$tmp/p-sogan.png" ] && [ -s "$tmp/p-bang-biru.png" ] && ok || bad "colourway sheets"

check "needs a sweep or samples" 2 "--vary NAME=LO..HI" "$bin" explore kawung -o "$tmp/x.png"
check "a malformed sweep" 2 "--vary takes NAME=LO..HI" "$bin" explore kawung -o "$tmp/x.png" --vary cell=3cm
check "three sweeps" 2 "at most two --vary" "$bin" explore kawung -o "$tmp/x.png" --vary cell=3cm..4cm --vary petal=0.7..1 --vary pen=0.3mm..1mm
check "an unknown parameter" 1 "no parameter 'size'" "$bin" explore kawung -o "$tmp/x.png" --vary size=1..2
check "out of the declared range" 1 "outside its range" "$bin" explore kawung -o "$tmp/x.png" --vary cell=1cm..6cm
check "a cell beyond the sheet" 2 "only 16 cells" "$bin" explore kawung --vary cell=3cm..6cm --pick 17
check "bad grid" 2 "--grid takes" "$bin" explore kawung -o "$tmp/x.png" --vary cell=3cm..6cm --grid 4
[ ! -e "$tmp/x.png" ] && ok || bad "a failed explore left a sheet"
check "help" 0 "--pick K" "$bin" explore --help
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
