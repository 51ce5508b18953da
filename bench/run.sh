#!/bin/sh
# Runs the benchmarks built under the build folder given as $1 (default
# build) and prints one table from one run: the span copier beside memcpy
# (bench_span), then the kain panjang (250 x 105 cm) repeated from one
# 1024 x 1024 px tile by canting, libvips and ImageMagick (bench/kain.sh).
# Figures are printed, never checked: speed is reported only, goals beside.
#
# Environment: BENCH_QUICK=1 skips 600 dpi and ImageMagick; BENCH_DIR
# (default /tmp/canting-bench) holds scratch output, the rows and the report
# (report.md); see bench/kain.sh for the rest.  Big images never go in the
# source tree and are deleted once measured.
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
dir=${BENCH_DIR:-/tmp/canting-bench}
export BENCH_DIR="$dir"
mkdir -p "$dir" || exit 1
rows=$dir/rows.tsv
report=$dir/report.md
: >"$rows"

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
flags=$(grep -m1 -o -w -e avx2 -e sse2 /proc/cpuinfo | sort -u | tr '\n' ' ')
rev=$(git -C "$here/.." describe --always --dirty 2>/dev/null || echo "?")
vips_v=$(vips --version 2>/dev/null || echo "not installed")
im_v=$( (/usr/bin/convert -version 2>/dev/null || echo "not installed") | head -n 1 | sed 's/^Version: //; s/ https.*//')
header() {
    echo "canting benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "Machine: nproc $(nproc), $cpu (${flags% }), $mem RAM, $(uname -sr)"
    echo "canting $rev ($build); $vips_v; $im_v"
    echo "Load average (1, 5, 15 min): ${load0:+$load0 at the start, }$(cut -d' ' -f1-3 /proc/loadavg) now (other work on the machine skews timings)"
    [ "${BENCH_QUICK:-0}" = 1 ] && echo "BENCH_QUICK=1: 600 dpi and ImageMagick skipped"
    return 0
}

header
load0=$(cut -d' ' -f1-3 /proc/loadavg)
echo
echo "== bench_span"
"$build/bench/bench_span" >"$dir/span.txt" || { echo "bench_span failed" >&2; }
cat "$dir/span.txt"
# The strip case (1024-px rows repeated across 29528 px, 1024 rows: the
# engine's real work, far beyond the caches) and the whole engine go in the table.
awk -v OFS='\t' '
    $1 == "case" { count = (NF - 4) / 2; for (i = 1; i <= count; i++) name[i] = $(3 + 2 * i); next }
    $1 == "strip:" && count {
        b = NF - 2 * count
        what = sprintf("%s px x %s rows RGB (%s %s)", 29528, "1024", $(b - 3), $(b - 2))
        print "span", what, "-", "raw", "memcpy", "ok", "", $(b - 1), "", "", "", "reads as much as it writes"
        print "span", what, "-", "raw", "memset", "ok", "", $b, "", "", "", "write-only ceiling"
        for (i = 1; i <= count; i++)
            print "span", what, "-", "raw", name[i], "ok", "", $(b + 2 * i - 1), "", "", "", "span kernel, one 3072-B source row"
    }
    $1 == "ct_repeat_rows" {
        for (i = 1; i <= NF; i++) if ($i == "GB/s") g = $(i - 1)
        t = $0; sub(/.*threads=/, "", t); sub(/ .*/, "", t); l = $2; sub(/,$/, "", l)
        print "span", what, "-", "raw", "ct_repeat_rows " l " threads=" t, "ok", "", g, "", "", "", "whole engine on the strip"
    }' "$dir/span.txt" >>"$rows"

echo
echo "== kain panjang (progress on stderr)"
sh "$here/kain.sh" "$build" "$rows" || echo "kain.sh failed or was skipped; its rows are missing" >&2
grep -q '^kain' "$rows" || printf 'note\tkain panjang rows missing: see the messages above\n' >>"$rows"

{
    echo
    header
    echo
    awk -f "$here/table.awk" "$rows" "$rows"
} | tee "$report"
echo "(report saved in $report)"

echo
echo "== nearest-ink separation (4096 x 4096, 6 inks) beside ImageMagick -remap"
sh "$here/separate.sh" "$build" | tee "$dir/separate.txt" || echo "separate.sh failed or was skipped" >&2
