#!/bin/sh
# test_cli.sh: the canting command as a person uses it: exit codes, messages,
# and the proof it writes.  Run by `make check` from the top folder.
set -u
. tests/lib.sh

check "version" 0 "^canting [0-9]+\.[0-9]+\.[0-9]+$" "$bin" --version
check "help lists render" 0 "render MOTIF -o OUT.png" "$bin" --help
check "render help lists every option" 0 "--compression N" "$bin" render --help
check "repeat help" 0 "TILE" "$bin" repeat --help
check "bad layout" 1 "unknown layout 'zigzag'" "$bin" render kawung -o "$tmp/k.png" --layout zigzag
check "bad colourway" 1 "no colourway 'neon'" "$bin" render kawung -o "$tmp/k.png" --colourway neon
check "bad quality" 2 "--quality takes" "$bin" render kawung -o "$tmp/k.jpg" --quality 0
check "repeat needs a tile" 2 "repeat needs a TILE" "$bin" repeat -o "$tmp/r.png"
check "repeat of a missing tile" 1 "nosuch.png" "$bin" repeat "$tmp/nosuch.png" -o "$tmp/r.png"
check "no command" 2 "Try 'canting --help'" "$bin"
check "unknown command" 2 "unknown command 'paint'" "$bin" paint
check "unknown option" 2 "unknown option '--colour'" "$bin" render kawung -o "$tmp/k.png" --colour red
check "missing output" 2 "an output is needed: -o" "$bin" render kawung
check "bad dpi" 2 "--dpi takes a number" "$bin" render kawung -o "$tmp/k.png" --dpi lots
check "bad size" 2 "bad size '20x20'" "$bin" render kawung -o "$tmp/k.png" --size 20x20
check "bad set" 2 "--set takes NAME=VALUE" "$bin" render kawung -o "$tmp/k.png" --set cell
check "unknown motif" 1 "no motif named 'nosuch'" "$bin" render nosuch -o "$tmp/k.png"
check "unknown parameter" 1 "has no parameter 'size'" "$bin" render kawung -o "$tmp/k.png" --set size=3cm
check "out of range" 1 "outside its range" "$bin" render kawung -o "$tmp/k.png" --set cell=50cm
check "absurd size refused" 1 "limit" "$bin" render kawung -o "$tmp/k.png" --size 100x100m --dpi 600
printf 'motif broken\ninks\n  cloth #fff\n  ink #000\ndraw\n  circle r 2mm at (0, 0 fill ink\n' > "$tmp/broken.motif"
check "syntax error has file:line:col" 1 "broken.motif:6:25: expected" "$bin" render "$tmp/broken.motif" -o "$tmp/b.png"
[ ! -e "$tmp/k.png" ] && [ ! -e "$tmp/b.png" ] && pass=$((pass + 1)) || { echo "FAIL failed runs left files"; fail=$((fail + 1)); }

check "kawung proof" 0 "1181x1181 px" "$bin" render kawung -o "$tmp/k.png" --size 20x20cm --dpi 150
check "proof is a PNG of the right size" 0 "PNG image data, 1181 x 1181" file "$tmp/k.png"
check "set changes the proof" 0 "wrote" "$bin" render kawung -o "$tmp/k2.png" --size 20x20cm --dpi 150 --set cell=5cm
if cmp -s "$tmp/k.png" "$tmp/k2.png"; then echo "FAIL --set made no difference"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
"$bin" render kawung -o "$tmp/k3.png" --size 20x20cm --dpi 150 -q > "$tmp/quiet" 2>&1
if [ -s "$tmp/quiet" ]; then echo "FAIL --quiet printed:"; cat "$tmp/quiet"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
if cmp -s "$tmp/k.png" "$tmp/k3.png"; then pass=$((pass + 1)); else echo "FAIL same input gave other bytes"; fail=$((fail + 1)); fi

check "jpeg proof" 0 "wrote" "$bin" render kawung -o "$tmp/k.jpg" --size 10x10cm --dpi 100
check "jpeg is a JPEG" 0 "JPEG image data" file "$tmp/k.jpg"
check "every colourway" 0 "k-sogan.png" "$bin" render kawung -o "$tmp/k.png" --colourway all --size 5x5cm
[ -s "$tmp/k-bang-biru.png" ] && [ -s "$tmp/k-sogan.png" ] && pass=$((pass + 1)) || { echo "FAIL colourway files"; fail=$((fail + 1)); }
check "repeat a tile" 0 "wrote" "$bin" repeat "$tmp/k.png" -o "$tmp/r.png" --layout brick --size 30x20cm
check "repeat a tile in a wallpaper group" 0 "wrote" "$bin" repeat "$tmp/k.png" -o "$tmp/r.png" --layout pmg
check "hexagonal groups need a motif" 1 "motif" "$bin" repeat "$tmp/k.png" -o "$tmp/r.png" --layout p6
check "never over a device" 1 "not a regular file" "$bin" render kawung -o /dev/full
check "never over its own input" 1 "input itself" "$bin" repeat "$tmp/k.png" -o "$tmp/k.png"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
