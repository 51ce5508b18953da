#!/bin/sh
# kain.sh: the kain panjang benchmark.  A whole kain panjang (250 x 105 cm)
# repeated from one 1024 x 1024 px batik tile at 150, 300 and 600 dpi, by
# `canting repeat` (PNG and JPEG, straight and half-drop) and, side by side on
# the same tile, by libvips and ImageMagick.  Wall time and peak RSS come from
# GNU time (`/usr/bin/time -f '%e %M'`), file sizes from the outputs, which
# are checked for their pixel size and deleted once measured.
#
# Usage: sh bench/kain.sh [BUILD [ROWS]]
#   BUILD  build folder holding the canting command (default build)
#   ROWS   append result rows (tab-separated, see bench/table.awk) to this
#          file instead of printing a table
# Environment:
#   BENCH_QUICK=1     150 and 300 dpi only, no ImageMagick rows
#   BENCH_DIR=DIR     scratch folder (default /tmp/canting-bench)
#   BENCH_TIMEOUT=S   time box for each peer run (default 600 s)
#   BENCH_DPI="..."   resolutions to run (default "150 300 600")
#   BENCH_INSTALL=0   do not apt-get install missing peers
# Nothing is asserted: figures are reported, goals are printed beside them.
set -u

build=${1:-build}
rows_out=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
dir=${BENCH_DIR:-/tmp/canting-bench}
peer_timeout=${BENCH_TIMEOUT:-600}
canting_timeout=${BENCH_CANTING_TIMEOUT:-1800}
quick=${BENCH_QUICK:-0}
if [ -n "${BENCH_DPI:-}" ]; then
    dpis=$BENCH_DPI
elif [ "$quick" = 1 ]; then
    dpis="150 300"
else
    dpis="150 300 600"
fi
canting=${CANTING:-$build/canting}
tile=$dir/tile.png
tile_px=1024

mkdir -p "$dir" || exit 1
case $canting in /*) ;; *) canting=$(pwd)/$canting ;; esac
rows=${rows_out:-$dir/kain-rows.tsv}
[ -n "$rows_out" ] || : >"$rows"

say() { printf '%s\n' "$*" >&2; }

# ---- tools ------------------------------------------------------------------

# ImageMagick: the real binary, never a wrapper script earlier in PATH.
im=
find_im() {
    for c in /usr/bin/convert /usr/bin/convert-im6.q16 /usr/bin/magick; do
        if [ -x "$c" ] && file -b "$c" | grep -q ELF; then im=$c; return 0; fi
    done
    c=$(command -v magick 2>/dev/null || command -v convert 2>/dev/null) || return 1
    file -b "$c" | grep -q ELF && im=$c
}
have_vips() { command -v vips >/dev/null 2>&1; }

install_missing() {
    pkgs=
    [ -x /usr/bin/time ] || pkgs="$pkgs time"
    have_vips || pkgs="$pkgs libvips-tools"
    [ "$quick" = 1 ] || find_im || pkgs="$pkgs imagemagick"
    [ -n "$pkgs" ] || return 0
    if [ "${BENCH_INSTALL:-1}" = 0 ]; then
        say "kain: missing$pkgs (BENCH_INSTALL=0: not installing)"
        return 0
    fi
    say "kain: installing$pkgs"
    if [ "$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi
    $sudo apt-get install -y $pkgs >"$dir/apt.log" 2>&1 ||
        { $sudo apt-get update >>"$dir/apt.log" 2>&1 && $sudo apt-get install -y $pkgs >>"$dir/apt.log" 2>&1; } ||
        say "kain: apt-get install$pkgs failed (see $dir/apt.log); those rows are skipped"
}

# ---- helpers ----------------------------------------------------------------

# "W H TYPE" of a PNG or JPEG, TYPE one of gray, RGB, palette, GA, RGBA, JPEG.
image_info() {
    if [ "$(od -An -c -j1 -N3 "$1" | tr -d ' ')" = PNG ]; then
        set -- $(od -An -tu1 -j16 -N10 "$1")
        case ${10} in 0) t=gray ;; 2) t=RGB ;; 3) t=palette ;; 4) t=GA ;; 6) t=RGBA ;; *) t="type${10}" ;; esac
        echo "$(( ($1 << 24) | ($2 << 16) | ($3 << 8) | $4 )) $(( ($5 << 24) | ($6 << 16) | ($7 << 8) | $8 )) $t"
    else
        # JPEG: walk the markers to the start of frame (file(1) reads the
        # width as a signed 16-bit number, wrong beyond 32767 px).
        od -An -tu1 -v -N 262144 "$1" | awk '
            { for (i = 1; i <= NF; i++) b[n++] = $i }
            END {
                if (b[0] != 255 || b[1] != 216) exit
                for (p = 2; p + 9 < n && b[p] == 255; p += 2 + b[p + 2] * 256 + b[p + 3]) {
                    m = b[p + 1]
                    if (m >= 192 && m <= 207 && m != 196 && m != 200 && m != 204) {
                        printf "%d %d JPEG,%d-comp\n", b[p + 7] * 256 + b[p + 8], b[p + 5] * 256 + b[p + 6], b[p + 9]
                        exit
                    }
                }
            }'
    fi
}

# Largest absolute channel difference between two images, or "?" (vips).
max_diff() {
    have_vips || { echo "?"; return; }
    rm -f "$dir/d.v" "$dir/e.v"
    if vips subtract "$1" "$2" "$dir/d.v" 2>/dev/null && vips abs "$dir/d.v" "$dir/e.v" 2>/dev/null; then
        vips max "$dir/e.v" 2>/dev/null | awk '{ printf "%d", $1 }'
    else
        echo "?"
    fi
    rm -f "$dir/d.v" "$dir/e.v"
}

# timed LIMIT CMD...: runs CMD under GNU time and a time box; adds its wall
# time to $wall and its user + system CPU time to $cpu, keeps the larger
# peak RSS in $rss (kB), sets $status to ok, timeout or fail.  Output of CMD goes to $dir/last.log.
timed() {
    limit=$1
    shift
    rm -f "$dir/time.out"
    /usr/bin/time -f '%e %M %U %S' -o "$dir/time.out" timeout "$limit" "$@" >"$dir/last.log" 2>&1
    rc=$?
    set -- $(tail -n 1 "$dir/time.out" 2>/dev/null) "" "" "" ""
    wall=$(awk -v a="${wall:-0}" -v b="${1:-0}" 'BEGIN { printf "%.2f", a + b }')
    cpu=$(awk -v a="${cpu:-0}" -v u="${3:-0}" -v s="${4:-0}" 'BEGIN { printf "%.2f", a + u + s }')
    [ -n "$2" ] && [ "$2" -gt "${rss:-0}" ] && rss=$2
    if [ $rc = 124 ]; then status=timeout
    elif [ $rc != 0 ]; then status=fail; say "kain: failed ($rc): $(tail -n 3 "$dir/last.log" | tr '\n' ' ')"
    fi
}

# Starts a measurement: clears the accumulators.
begin() { wall=0; cpu=0; rss=0; status=ok; sync; }

# row CASE LAYOUT FORMAT TOOL OUT W H NOTE: checks OUT, appends the result row
# (see bench/table.awk for the columns) and deletes OUT unless KEEP is set.
row() {
    r_case=$1 r_layout=$2 r_format=$3 r_tool=$4 r_out=$5 r_w=$6 r_h=$7 r_note=$8
    r_bytes=
    if [ "$status" = ok ]; then
        if [ -s "$r_out" ]; then
            r_bytes=$(stat -c %s "$r_out")
            set -- $(image_info "$r_out") "" "" ""
            if [ "$1" != "$r_w" ] || [ "$2" != "$r_h" ]; then
                status=fail
                r_note="WRONG SIZE ${1:-?}x${2:-?}; $r_note"
            fi
            r_note="${3:-?}${r_note:+; $r_note}"
        else
            status=fail
            r_note="no output; $r_note"
        fi
    fi
    [ "$status" = ok ] || r_note="$status${r_note:+; $r_note}"
    printf 'kain\t%s\t%s\t%s\t%s\t%s\t%s\t\t%s\t%s\t%s\t%s\t%s\n' "$r_case" "$r_layout" "$r_format" "$r_tool" \
        "$status" "$wall" "$((r_w * r_h * 3))" "$rss" "$r_bytes" "$r_note" "$cpu" >>"$rows"
    say "$(printf 'kain: %-16s %-9s %-4s %-34s %-7s %7ss %7ss cpu %8s kB %12s B' "$r_case" "$r_layout" "$r_format" "$r_tool" \
        "$status" "$wall" "$cpu" "$rss" "${r_bytes:--}")"
    [ -n "${KEEP:-}" ] || rm -f "$r_out"
}

# skip CASE LAYOUT FORMAT TOOL NOTE: a row for a run that was not made.
skip() {
    printf 'kain\t%s\t%s\t%s\t%s\tn/a\t\t\t\t\t\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$rows"
    say "kain: $1 $2 $3 $4: n/a ($5)"
}

# ---- the tile ---------------------------------------------------------------

make_tile() {
    if [ -n "${BENCH_TILE:-}" ]; then
        cp "$BENCH_TILE" "$tile" || return 1
        tile_what="given tile $BENCH_TILE"
    else
        # kawung at 300 dpi with its cell set to 1024 px (1024/300 in =
        # 86.6987 mm): the 1024 px square is then exactly one seamless repeat
        # cell of a real batik, and a half-drop of it differs from a straight
        # repeat (a 2 x 2-cell tile would drop onto itself).
        rm -f "$tile"
        "$canting" render kawung -o "$tile" --size ${tile_px}x${tile_px}px --dpi 300 \
            --set cell=86.6987mm -q >"$dir/last.log" 2>&1 ||
            "$canting" render kawung -o "$tile" --size ${tile_px}x${tile_px}px --dpi 300 -q >"$dir/last.log" 2>&1 ||
            { say "kain: canting render failed: $(cat "$dir/last.log")"; return 1; }
        tile_what="canting render kawung --size ${tile_px}x${tile_px}px --dpi 300 --set cell=86.6987mm"
    fi
    set -- $(image_info "$tile")
    if [ "${1:-}" != $tile_px ] || [ "${2:-}" != $tile_px ]; then
        say "kain: the tile is ${1:-?}x${2:-?}, not ${tile_px}x${tile_px}"
        return 1
    fi
    tile_type=$3
    say "kain: tile $tile: ${1}x${2} $tile_type, $(stat -c %s "$tile") bytes ($tile_what)"
}

# The half-drop unit for the peers: the tile beside itself dropped by half
# its height (2048 x 1024); repeating it straight gives a half-drop repeat.
# Whether it matches canting's half-drop is checked pixel for pixel at the
# first resolution, and said in the notes.
half=$((tile_px / 2))

# ---- one resolution ---------------------------------------------------------

run_dpi() {
    dpi=$1
    w=$(awk -v d="$dpi" 'BEGIN { printf "%d", 2500 / 25.4 * d + 0.5 }')
    h=$(awk -v d="$dpi" 'BEGIN { printf "%d", 1050 / 25.4 * d + 0.5 }')
    c="$dpi dpi ${w}x${h}"
    nx=$(( (w + tile_px - 1) / tile_px ))
    ny=$(( (h + tile_px - 1) / tile_px ))
    say "kain: == $c ($(df -h "$dir" | awk 'NR == 2 { print $4 }') free in $dir)"
    check=0
    [ "$dpi" = "${dpis%% *}" ] && check=1   # pixel checks at the first (smallest) resolution

    for layout in straight half-drop; do
        ref=$dir/ref-$layout.png
        # canting, PNG (kept for the pixel check) and JPEG
        begin; timed "$canting_timeout" "$canting" repeat "$tile" -o "$dir/c.png" --size ${w}x${h}px --dpi "$dpi" --layout $layout -q
        [ $check = 1 ] && [ "$status" = ok ] && cp "$dir/c.png" "$ref"
        row "$c" $layout PNG canting "$dir/c.png" $w $h "zlib 3, all cores"
        begin; timed "$canting_timeout" "$canting" repeat "$tile" -o "$dir/c.jpg" --size ${w}x${h}px --dpi "$dpi" --layout $layout -q
        row "$c" $layout JPEG canting "$dir/c.jpg" $w $h "Q90, all cores"
        if [ "$dpi" = 300 ] && [ $layout = straight ]; then
            # Diagnostics: one thread, and PNG without deflate (zlib level 0)
            # to see how much of the PNG time is compression.
            begin; timed "$canting_timeout" "$canting" repeat "$tile" -o "$dir/c.png" --size ${w}x${h}px --dpi "$dpi" --layout $layout --threads 1 -q
            row "$c" $layout PNG "canting --threads 1" "$dir/c.png" $w $h "zlib 3, diagnostic"
            begin; timed "$canting_timeout" "$canting" repeat "$tile" -o "$dir/c.png" --size ${w}x${h}px --dpi "$dpi" --layout $layout --compression 0 -q
            row "$c" $layout PNG "canting --compression 0" "$dir/c.png" $w $h "stored (no deflate), diagnostic; writes the whole raw size"
            # Memory must not grow with the height: twice the rows, same width.
            begin; timed "$canting_timeout" "$canting" repeat "$tile" -o "$dir/c.png" --size ${w}x$((2 * h))px --dpi "$dpi" --layout $layout -q
            row "$c" $layout PNG "canting, twice the height" "$dir/c.png" $w $((2 * h)) "${w}x$((2 * h)) px, diagnostic: peak RSS should equal canting's"
        fi

        # libvips
        if have_vips; then
            src=$tile
            prep=
            if [ $layout = half-drop ]; then
                # The 2048 x 1024 half-drop unit, made inside the timed run.
                src=$dir/unit.v
                prep="unit: wrap+join; "
            fi
            if [ $layout = straight ]; then
                # As specified: whole tiles with `vips replicate` into a
                # temporary .v file, then crop to the exact size and save.
                begin
                timed "$peer_timeout" vips replicate "$tile" "$dir/r.v" $nx $ny
                [ "$status" = ok ] && timed "$peer_timeout" vips crop "$dir/r.v" "$dir/v.png[compression=3,filter=sub]" 0 0 $w $h
                vbytes=$(stat -c %s "$dir/r.v" 2>/dev/null || echo 0)
                rm -f "$dir/r.v"
                KEEP=1 row "$c" $layout PNG "vips replicate + crop" "$dir/v.png" $w $h \
                    "zlib 3 sub; replicate ${nx}x${ny} to $((vbytes / 1000000)) MB .v, then crop+save; times summed"
                [ $check = 1 ] && [ "$status" = ok ] && [ -f "$ref" ] && vdiff_rep=$(max_diff "$ref" "$dir/v.png")
                rm -f "$dir/v.png"
            fi
            # One pass, no temporary file: embed the tile in the full canvas
            # with --extend repeat (the same pixels as replicate + crop).
            begin
            if [ $layout = half-drop ]; then
                timed "$peer_timeout" vips wrap "$tile" "$dir/wrapped.v" --x 0 --y $half
                [ "$status" = ok ] && timed "$peer_timeout" vips join "$tile" "$dir/wrapped.v" "$dir/unit.v" horizontal
            fi
            [ "$status" = ok ] && timed "$peer_timeout" vips embed "$src" "$dir/v.png[compression=3,filter=sub]" 0 0 $w $h --extend repeat
            note="zlib 3 sub; ${prep}embed --extend repeat"
            if [ $check = 1 ] && [ "$status" = ok ] && [ -f "$ref" ]; then
                d=$(max_diff "$ref" "$dir/v.png")
                note="$note; pixels vs canting: max diff $d"
                [ $layout = straight ] && note="$note (replicate+crop: ${vdiff_rep:-?})"
            fi
            KEEP=1 row "$c" $layout PNG "vips embed --extend repeat" "$dir/v.png" $w $h "$note"
            rm -f "$dir/v.png"
            begin; timed "$peer_timeout" vips embed "$src" "$dir/v.jpg[Q=90]" 0 0 $w $h --extend repeat
            row "$c" $layout JPEG "vips embed --extend repeat" "$dir/v.jpg" $w $h \
                "Q90 (4:4:4 at Q>=90, like canting)${prep:+; the same unit, not timed again}"
            rm -f "$dir/wrapped.v" "$dir/unit.v"
        else
            skip "$c" $layout PNG "vips" "libvips-tools not installed"
        fi

        # ImageMagick
        if [ "$quick" = 1 ]; then
            :
        elif [ -n "$im" ]; then
            src=$tile
            prep=
            begin
            if [ $layout = half-drop ]; then
                timed "$peer_timeout" "$im" "$tile" \( "$tile" -roll +0+$half \) +append "$dir/unit.png"
                src=$dir/unit.png
                prep="unit: -roll +append; "
            fi
            # -quality 31: zlib level 3, filter 1 (sub), as canting
            [ "$status" = ok ] && timed "$peer_timeout" env MAGICK_CONFIGURE_PATH="$here" MAGICK_TEMPORARY_PATH="$dir" \
                "$im" -size ${w}x${h} "tile:$src" -quality 31 "$dir/m.png"
            note="zlib 3 sub (-quality 31); ${prep}$(basename "$im") -size ${w}x${h} tile:"
            if [ $check = 1 ] && [ "$status" = ok ] && [ -f "$ref" ]; then
                note="$note; pixels vs canting: max diff $(max_diff "$ref" "$dir/m.png")"
            fi
            rm -f "$dir"/magick-* 2>/dev/null
            row "$c" $layout PNG "ImageMagick convert tile:" "$dir/m.png" $w $h "$note"
            rm -f "$dir/unit.png"
        else
            skip "$c" $layout PNG "ImageMagick" "imagemagick not installed"
        fi
        rm -f "$ref"
    done
}

# ---- main -------------------------------------------------------------------

install_missing
find_im || true
[ -x /usr/bin/time ] || { say "kain: GNU time (/usr/bin/time) is missing"; exit 1; }
[ -x "$canting" ] || { say "kain: no canting command at $canting (build it first)"; exit 1; }
"$canting" repeat --help >/dev/null 2>&1 || { say "kain: '$canting repeat' does not work yet"; exit 1; }
make_tile || exit 1
printf 'tile\t%s\t%s\t%s\n' "$tile_px" "$tile_type" "$tile_what" >>"$rows"
for d in $dpis; do
    run_dpi "$d"
done
[ "$quick" = 1 ] && printf 'note\tBENCH_QUICK=1: 600 dpi and ImageMagick rows skipped\n' >>"$rows"
[ -n "$rows_out" ] || awk -f "$here/table.awk" "$rows" "$rows"
exit 0
