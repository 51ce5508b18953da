#!/bin/sh
# separate.sh: the nearest-ink separation benchmark.  A 4096 x 4096 scan-like
# image and a 6-ink palette (made by bench_separate), classified by canting's
# kernels (scalar, SSE2, AVX2 on one thread, the best on all cores; in memory),
# by `canting separate` end to end (PNG in, six PNG sheets out), and by
# ImageMagick `convert IMAGE +dither -remap PALETTE.png OUT.png` on the same
# files, side by side in one run.  Wall time and peak RSS by GNU time.
# ImageMagick runs under bench/policy.xml (MAGICK_CONFIGURE_PATH=bench/);
# its -remap measures distance in RGB, not CIELAB, so its picks differ.
#
# Usage: sh bench/separate.sh [BUILD [ROWS]]
#   BUILD  build folder with canting and bench/bench_separate (default build)
#   ROWS   also append the rows (tab-separated: separate TOOL WHAT WALL MPXS
#          RSS_KB NOTE) to this file
# Environment: BENCH_DIR (default /tmp/canting-bench) for the scratch files,
# deleted afterwards; BENCH_QUICK=1 skips ImageMagick.
# Nothing is asserted: the goal (canting >= 10x ImageMagick) is reported.
set -u
build=${1:-build}
rows_out=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
dir=${BENCH_DIR:-/tmp/canting-bench}/separate
mkdir -p "$dir" || exit 1
canting=$build/canting
case $canting in /*) ;; *) canting=$(pwd)/$canting ;; esac
mpx=16.777216 # 4096 * 4096 / 1e6
rows=$dir/rows.tsv
: >"$rows"
say() { printf '%s\n' "$*" >&2; }

[ -x "$build/bench/bench_separate" ] || { say "separate: build $build/bench/bench_separate first (make bench)"; exit 1; }
[ -x /usr/bin/time ] || { say "separate: GNU time (/usr/bin/time) is missing"; exit 1; }

# The real ImageMagick binary, never a wrapper script earlier in PATH.
im=
for c in /usr/bin/convert /usr/bin/convert-im6.q16 /usr/bin/magick; do
    if [ -x "$c" ] && file -b "$c" | grep -q ELF; then im=$c; break; fi
done

"$build/bench/bench_separate" --write "$dir" >"$dir/kernels.txt" || { say "separate: bench_separate failed"; exit 1; }
cat "$dir/kernels.txt" >&2
inks=$(sed -n 's/^inks //p' "$dir/kernels.txt")
awk -v OFS='\t' '$1 == "nearest" { t = $3; sub(/threads=/, "", t)
    print "separate", "canting kernel " $2, "in memory, threads " t, "", $4, "", $6 == "same" ? "same bytes as scalar" : "DIFFERS from scalar" }' \
    "$dir/kernels.txt" >>"$rows"

# timed NAME WHAT NOTE COMMAND...: one row from GNU time's wall and RSS.
timed() {
    name=$1 what=$2 note=$3
    shift 3
    if /usr/bin/time -f '%e %M' -o "$dir/time" "$@" >"$dir/log" 2>&1; then
        set -- $(tail -n 1 "$dir/time")
        printf 'separate\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$what" "$1" \
            "$(awk -v w="$1" -v m=$mpx 'BEGIN { printf "%.1f", (w > 0 ? m / w : 0) }')" "$2" "$note" >>"$rows"
    else
        printf 'separate\t%s\t%s\t\t\t\tfailed: %s\n' "$name" "$what" "$(tail -n 1 "$dir/log")" >>"$rows"
    fi
    say "separate: $name: $(tail -n 1 "$dir/time")"
}

timed "canting separate --bits 1" "PNG in, 6 1-bit films out" "all cores" \
    "$canting" separate "$dir/scan.png" --inks "$inks" -o "$dir/c1" --bits 1 -q
timed "canting separate" "PNG in, 6 8-bit sheets out" "all cores, zlib 3" \
    "$canting" separate "$dir/scan.png" --inks "$inks" -o "$dir/c8" -q
if [ "${BENCH_QUICK:-0}" = 1 ]; then
    say "separate: BENCH_QUICK=1: ImageMagick skipped"
elif [ -n "$im" ]; then
    timed "ImageMagick -remap" "PNG in, 1 remapped PNG out" "$(basename "$im") +dither -remap, RGB distance" \
        env MAGICK_CONFIGURE_PATH="$here" MAGICK_TEMPORARY_PATH="$dir" "$im" "$dir/scan.png" +dither \
        -remap "$dir/palette.png" "$dir/im.png"
else
    printf 'separate\tImageMagick -remap\t\t\t\t\tnot installed\n' >>"$rows"
fi
[ -n "$rows_out" ] && cat "$rows" >>"$rows_out"

# The table: Mpx/s and the ratio to ImageMagick's Mpx/s.
awk -F '\t' '
    $2 == "ImageMagick -remap" && $5 > 0 { im = $5 }
    { r[NR] = $0 }
    END {
        print "| tool | what | wall s | Mpx/s | vs ImageMagick | peak RSS MiB | notes |"
        print "| --- | --- | ---: | ---: | ---: | ---: | --- |"
        for (i = 1; i <= NR; i++) {
            split(r[i], f, "\t")
            ratio = im > 0 && f[5] > 0 ? sprintf("%.1fx", f[5] / im) : "-"
            goal = ""
            if (im > 0 && (f[3] ~ /threads all/ || f[2] ~ /^canting separate --bits 1/))
                goal = f[5] / im >= 10 ? "; goal >= 10x: met" : "; goal >= 10x: MISSED"
            printf "| %s | %s | %s | %s | %s | %s | %s%s |\n", f[2], f[3], f[4] == "" ? "-" : f[4], f[5] == "" ? "-" : f[5],
                   ratio, f[6] == "" ? "-" : sprintf("%.0f", f[6] / 1024), f[7], goal
        }
        print ""
        print "Mpx/s: 4096 x 4096 pixels / wall time (kernels: best of 3 in memory; the rest: whole commands, decode and encode included)."
    }' "$rows"
rm -f "$dir"/*.png "$dir/time" "$dir/log"
