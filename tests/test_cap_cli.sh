#!/bin/sh
# test_cap_cli.sh: `canting cap`: the cap blocks, each taken out of its
# margin and mirrored back, laid out as PREFIX-caps.txt says, reproduce the
# cloth `canting render` makes, pixel for pixel.
set -u
. tests/lib.sh
png="python3 tests/pngcheck.py"

# kawung: a 20 cm block is five 4 cm repeats, so one cap stamps the cloth
"$bin" cap kawung --block 20x20cm --size 60x40cm --dpi 50 -o "$tmp/k" > "$tmp/out" 2>&1 &&
    grep -q "wrote 1 cap(s)" "$tmp/out" && ok || bad "kawung caps: $(cat "$tmp/out")"
[ -s "$tmp/k-cap01.png" ] && [ -s "$tmp/k-overview.png" ] && [ -s "$tmp/k-caps.txt" ] && ok || bad "kawung cap files"
"$bin" render kawung -o "$tmp/k.png" --size 60x40cm --dpi 50 -q
$png caps "$tmp/k" "$tmp/k.png" 50 && ok || bad "kawung caps do not reproduce the cloth"

# metro: blocks fall at different phases of its 12.6 cm repeat, so several
# caps; asymmetric butterflies show a cap that was not mirrored
"$bin" cap metro --block 20x20cm --size 60x40cm --dpi 40 -o "$tmp/m" > "$tmp/out" 2>&1 &&
    grep -q "wrote 6 cap(s)" "$tmp/out" && ok || bad "metro caps: $(cat "$tmp/out")"
"$bin" render metro -o "$tmp/m.png" --size 60x40cm --dpi 40 --field-only -q
$png caps "$tmp/m" "$tmp/m.png" 40 && ok || bad "metro caps do not reproduce the cloth"

# --set and --colourway reach the caps
"$bin" cap kawung --block 15x15cm --size 45x30cm --dpi 40 --set cell=5cm --colourway sogan -o "$tmp/s" -q && ok || bad "cap with --set"
"$bin" render kawung -o "$tmp/s.png" --size 45x30cm --dpi 40 --set cell=5cm --colourway sogan -q
$png caps "$tmp/s" "$tmp/s.png" 40 && ok || bad "caps with --set and --colourway"

"$bin" cap kawung -o "$tmp/x" > "$tmp/out" 2>&1
[ $? -eq 2 ] && grep -q -- "--block 20x20cm" "$tmp/out" && ok || bad "cap without --block: $(cat "$tmp/out")"
"$bin" cap kawung --block 20x20 -o "$tmp/x" > "$tmp/out" 2>&1
[ $? -eq 2 ] && grep -q -- "--block: bad size" "$tmp/out" && ok || bad "cap with a bad block: $(cat "$tmp/out")"
"$bin" cap --help | grep -q "mirrored" && ok || bad "cap --help"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
