#!/bin/sh
# test_vector.sh: PDF and SVG proofs open at their true physical size, in
# every kind of layout, and refuse what they cannot draw.
set -u
. tests/lib.sh

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
# --format chooses PDF or SVG whatever the name
"$bin" render kawung -o "$tmp/noext" --format pdf --size 10x10cm -q && file "$tmp/noext" | grep -q "PDF document" && ok ||
    bad "--format pdf: $(file "$tmp/noext")"
"$bin" render kawung -o "$tmp/k.out" --format svg --size 10x10cm -q && grep -q 'width="100mm" height="100mm"' "$tmp/k.out" && ok ||
    bad "--format svg"
"$bin" render kawung -o "$tmp/x.pdf" --format tiff > "$tmp/out" 2>&1
[ $? -eq 2 ] && grep -q "png, jpeg, pdf or svg" "$tmp/out" && ok || bad "--format tiff: $(cat "$tmp/out")"

# the film set: one PDF, a page per ink named after it, every page the
# artwork at true size in the same margin of marks (15 mm, at least 48 px)
for bits in 1 8; do
    if "$bin" separate kawung -o "$tmp/films$bits" --format pdf --bits "$bits" --size 20x20cm --dpi 300 -q; then
        info=$(pdfinfo "$tmp/films$bits.pdf")
        echo "$info" | grep -q "^Pages: *2$" && ok || bad "film set ($bits-bit) pages: $info"
        # 2362 px of artwork and 2 x 177 px of margin at 300 dpi: 2716 px = 651.84 pt
        echo "$info" | grep -q "^Page size: *651.84 x 651.84 pts" && ok || bad "film set ($bits-bit) page size: $info"
        grep -aq "/Title (soga)" "$tmp/films$bits.pdf" && grep -aq "/Title (indigo)" "$tmp/films$bits.pdf" &&
            grep -aq "/P (soga)" "$tmp/films$bits.pdf" && ok || bad "film set pages are not named after their inks"
    else
        bad "film set ($bits-bit)"
    fi
done
[ ! -e "$tmp/films1-soga.png" ] && ok || bad "a PDF film set also wrote PNG sheets"
"$bin" separate kawung -o "$tmp/cw" --format pdf --cloth --colourway sogan --size 10x10cm --dpi 100 -q &&
    pdfinfo "$tmp/cw.pdf" | grep -q "^Pages: *3$" && ok || bad "film set with the cloth"
# drawn back by poppler at the film's resolution, a 1-bit page is the PNG film with marks
if command -v pdftoppm > /dev/null; then
    "$bin" separate kawung -o "$tmp/png" --bits 1 --marks --size 20x20cm --dpi 300 -q
    pdftoppm -r 300 -mono -f 1 -l 1 -singlefile "$tmp/films1.pdf" "$tmp/page1"
    python3 tests/pngcheck.py size "$tmp/png-soga.png" | grep -q "^2716x2716$" && ok || bad "PNG film size"
    head -2 "$tmp/page1.pbm" | tail -1 | grep -q "^2716 2716$" && ok || bad "the PDF page drawn back: $(head -2 "$tmp/page1.pbm")"
fi
"$bin" separate kawung -o "$tmp/j" --format jpeg > "$tmp/out" 2>&1
[ $? -eq 2 ] && grep -q "png (a sheet per ink) or pdf" "$tmp/out" && ok || bad "separate --format jpeg: $(cat "$tmp/out")"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
