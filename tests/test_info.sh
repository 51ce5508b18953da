#!/bin/sh
# test_info.sh: `canting list`, `info` (text and JSON) and `check`.
set -u
. tests/lib.sh


check "list" 0 "^kawung +Kawung: four palm-fruit ovals" "$bin" list
[ "$("$bin" list | wc -l)" -ge 20 ] && ok || bad "list is short: $("$bin" list)"
check "info: the cell and layout" 0 "^layout: +straight" "$bin" info kawung
check "info: a parameter's default, range and description" 0 "^  cell +40mm +20mm\.\.100mm +distance between flower centres" "$bin" info kawung
check "info: inks in dye order" 0 "^ +1\. cloth +#efe3c8" "$bin" info kawung
check "info: colourways" 0 "bang-biru, sogan" "$bin" info kawung
check "info: a border" 0 "^border: +metro_tumpal" "$bin" info metro
check "info: a half-drop's drop" 0 "^layout: +half-drop 0.5" "$bin" info truntum
check "info in a colourway" 0 "^ +2\. soga +#7a4a22" "$bin" info kawung --colourway sogan
check "info needs a motif" 2 "info needs a MOTIF" "$bin" info
check "info of no motif" 1 "no motif named 'nosuch'" "$bin" info nosuch

# Every motif that loads: its JSON parses and lists every parameter the file declares.
for f in motifs/*.motif; do
    name=$(basename "$f" .motif)
    "$bin" check "$f" > /dev/null 2>&1 || continue
    if ! "$bin" info "$name" --json > "$tmp/$name.json" || ! python3 -m json.tool "$tmp/$name.json" > /dev/null; then
        bad "$name: JSON does not parse"
        continue
    fi
    want=$(sed -n 's/^param  *\([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' "$f" | sort | tr '\n' ' ')
    got=$(python3 -c 'import json,sys; print(" ".join(sorted(p["name"] for p in json.load(open(sys.argv[1]))["params"])))' \
        "$tmp/$name.json")
    [ "$got " = "$want" ] && ok || bad "$name: JSON params '$got', the file declares '$want'"
done
python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); assert m["repeat"]["layout"]=="straight" and m["inks"][0]["name"]=="cloth"' \
    "$tmp/kawung.json" && ok || bad "kawung JSON content"

printf 'motif broken\ninks\n  cloth #fff\n  ink #000\ndraw\n  circle r 2mm at (0, 0 fill ink\n' > "$tmp/broken.motif"
printf 'motif units\ninks\n  cloth #fff\n  ink #000\nrepeat 1cm\ndraw\n  circle r 3 fill ink\n' > "$tmp/units.motif"
check "check: good files" 0 "kawung.motif: ok" "$bin" check motifs/kawung.motif motifs/ceplok.motif
check "check: a syntax error at file:line:col" 1 "broken.motif:6:25: expected" "$bin" check "$tmp/broken.motif"
"$bin" check motifs/kawung.motif "$tmp/broken.motif" "$tmp/units.motif" > "$tmp/out" 2>&1
status=$?
[ "$status" -eq 1 ] && grep -q "kawung.motif: ok" "$tmp/out" && grep -q "broken.motif:6:25:" "$tmp/out" &&
    grep -q "units.motif:7:[0-9]*: .*length" "$tmp/out" && ok || bad "check reports every file: $status $(cat "$tmp/out")"
check "check needs files" 2 "check needs one or more" "$bin" check
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
