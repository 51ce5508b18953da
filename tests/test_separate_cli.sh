#!/bin/sh
# test_separate_cli.sh: `canting separate`, `canting palette` and `canting
# plan` as a person uses them: exit codes, messages, the files they write.
# Run by `make check` from the top folder.
set -u
. tests/lib.sh

expect() { # NAME CONDITION...
    name=$1
    shift
    if "$@"; then pass=$((pass + 1)); else echo "FAIL $name"; fail=$((fail + 1)); fi
}

cat > "$tmp/bb.motif" <<'MOTIF'
motif bb "bang-biru"
inks
  cloth #f3ead8
  biru  #2f4f8f
  soga  #9a5b2a
  hitam #1c1a24
recipe
  baths medel nyoga
  biru  = medel
  soga  = nyoga
  hitam = medel + nyoga
repeat 2cm
draw
  rect width 2cm height 2cm fill biru
  petal at (0, 0) length 1.8cm width 0.8cm fill soga stroke hitam 0.5mm
  circle r 2mm fill cloth
MOTIF

check "help lists separate" 0 "separate MOTIF -o PREFIX" "$bin" --help
check "help lists plan" 0 "plan MOTIF -o PREFIX" "$bin" --help
check "separate help" 0 "--bits 1\|8" "$bin" separate --help
check "palette help" 0 "-n, --count K" "$bin" palette --help
check "plan help" 0 "--no-sheet" "$bin" plan --help
check "separate needs input" 2 "separate needs a MOTIF" "$bin" separate -o "$tmp/x"
check "separate needs output" 2 "-o PREFIX" "$bin" separate kawung
check "bad bits" 2 "--bits takes 1" "$bin" separate kawung -o "$tmp/x" --bits 2
check "inks with a motif" 2 "--inks is for raster art" "$bin" separate kawung -o "$tmp/x" --inks "#fff"
check "bad colourway" 1 "no colourway 'neon'" "$bin" separate kawung -o "$tmp/x" --colourway neon
check "colourway all refused" 2 "one colourway at a time" "$bin" plan kawung -o "$tmp/x" --colourway all
check "bad layout" 1 "unknown layout" "$bin" separate kawung -o "$tmp/x" --layout zigzag
check "missing folder" 1 "cannot create" "$bin" separate kawung -o "$tmp/no/such/x"
expect "failed runs leave no sheets" test -z "$(ls "$tmp" | grep '^x-')"

check "kawung films with marks" 0 "x-soga.png .*x-indigo.png" "$bin" separate kawung -o "$tmp/x" --size 10x10cm --dpi 100 --bits 1 --marks
check "films are 1-bit" 0 "1-bit grayscale" file "$tmp/x-indigo.png"
check "grey sheets" 0 "x-cloth.png" "$bin" separate kawung -o "$tmp/x" --size 10x10cm --dpi 100 --cloth --colourway sogan
"$bin" render kawung -o "$tmp/proof.png" --size 10x10cm --dpi 100 -q
check "sheets match the proof's size" 0 "394 x 394, 8-bit grayscale" file "$tmp/x-soga.png"
check "proof size" 0 "394 x 394" file "$tmp/proof.png"

check "palette of a proof" 0 "--inks \"#" "$bin" palette "$tmp/proof.png" -n 3
"$bin" palette "$tmp/proof.png" -n 3 > "$tmp/pal"
inks=$(sed -n 's/^  --inks "\(.*\)"$/\1/p' "$tmp/pal")
check "raster needs inks" 2 "needs its inks" "$bin" separate "$tmp/proof.png" -o "$tmp/r"
check "raster refuses a size" 2 "its own size" "$bin" separate "$tmp/proof.png" -o "$tmp/r" --inks "$inks" --size 5cm
check "bad inks" 2 "--inks: bad ink" "$bin" separate "$tmp/proof.png" -o "$tmp/r" --inks "#12,#fff"
check "raster by a list" 0 "r-ink1.png .*r-ink2.png" "$bin" separate "$tmp/proof.png" -o "$tmp/r" --inks "$inks" --bits 1
check "raster by a motif's inks" 0 "q-soga.png .*q-indigo.png" "$bin" separate "$tmp/proof.png" -o "$tmp/q" --inks kawung
check "raster sheets keep the art's dpi" 0 "394 x 394" file "$tmp/q-soga.png"
"$bin" render kawung -o "$tmp/proof.jpg" --size 5x5cm --dpi 100 -q
check "raster from a JPEG" 0 "j-indigo.png" "$bin" separate "$tmp/proof.jpg" -o "$tmp/j" --inks kawung --bits 1 --marks
check "named inks" 0 "n-brown.png" "$bin" separate "$tmp/proof.png" -o "$tmp/n" --inks "paper=#efe3c8,brown=#8a5a2b,blue=#1f2a44"

check "plan of bang-biru" 0 "t-plan.txt" "$bin" plan "$tmp/bb.motif" -o "$tmp/t" --dpi 100 --bits 1 --marks
for f in t-1-medel-wax.png t-2-nyoga-wax.png t-2-nyoga-scrape.png t-stages.png t-plan.txt; do
    expect "plan wrote $f" test -s "$tmp/$f"
done
expect "no scrape before the first bath" test ! -e "$tmp/t-1-medel-scrape.png"
check "plan says ngerok" 0 "scrape off \(ngerok\): +soga" cat "$tmp/t-plan.txt"
check "plan says mbironi" 0 "add wax \(mbironi\): +biru" cat "$tmp/t-plan.txt"
check "stage sheet is RGB" 0 "PNG image data, [0-9]+ x [0-9]+, 8-bit/color RGB" file "$tmp/t-stages.png"
check "default recipe" 0 "light-to-dark" sh -c "'$bin' plan kawung -o '$tmp/k' --no-sheet -q && cat '$tmp/k-plan.txt'"
expect "--no-sheet" test ! -e "$tmp/k-stages.png"
check "render still works" 0 "wrote" "$bin" render kawung -o "$tmp/k.png" --size 5x5cm

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
