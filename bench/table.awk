# table.awk: prints the benchmark rows as one aligned Markdown table.
# Usage: awk -f bench/table.awk ROWS ROWS   (the file twice: references, then rows)
#
# Rows are tab-separated; the first field says what a line is:
#   span  CASE  LAYOUT  FORMAT  TOOL  STATUS  WALL  GB/s  RAW  RSS  BYTES  NOTE  CPU
#   kain  CASE  LAYOUT  FORMAT  TOOL  STATUS  WALL  GB/s  RAW  RSS  BYTES  NOTE  CPU
#   tile  PX  TYPE  HOW          note  TEXT
# WALL and CPU (user + system) in seconds, RAW the uncompressed RGB bytes of the output, RSS peak
# resident set in kB, BYTES the output file size.  References: memcpy for a
# span case, canting for a kain case with the same layout and format.
BEGIN { FS = "\t" }

function ref_key() { return $2 SUBSEP $3 SUBSEP $4 }
function fmt(v, p) { return v == "" ? "-" : sprintf("%." p "f", v) }
function yes(c) { return c ? "met" : "MISSED" }

NR == FNR {
    if ($1 == "span" && $5 == "memcpy") span_ref[$2] = $8
    if ($1 == "kain" && $5 == "canting" && $6 == "ok") {
        ref_wall[ref_key()] = $7; ref_rss[ref_key()] = $10; ref_bytes[ref_key()] = $11
    }
    next
}

function cell(text) { cells[n, ++col] = text; if (length(text) > width[col]) width[col] = length(text) }
function line() { n++; col = 0 }

$1 == "tile" { tile = sprintf("Tile: %s x %s px %s PNG, %s; every tool repeats this same file.", $2, $2, $3, $4); next }
$1 == "note" { notes[++nnotes] = $2; next }
$1 != "span" && $1 != "kain" { next }

{
    k = ref_key(); ok = $6 == "ok"
    gbs = $8 != "" ? $8 : (ok && $7 > 0 ? $9 / $7 / 1e9 : "")
    speed = rss_r = file_r = goal = ""
    if ($1 == "span") {
        if ($5 != "memcpy" && span_ref[$2] > 0) {
            speed = sprintf("%.2fx memcpy", $8 / span_ref[$2])
            if ($5 ~ /^(scalar|sse2|avx2)$/) goal = ($5 == "scalar" ? "(reference) " : "") ">= 0.8x memcpy: " yes($8 / span_ref[$2] >= 0.8)
        }
    } else if (ok && (k in ref_wall)) {
        if ($5 == "canting") speed = "ref"
        else {
            speed = sprintf("%.2fx", ref_wall[k] / $7)
            rss_r = ref_rss[k] > 0 ? sprintf("%.1fx", $10 / ref_rss[k]) : "-"
            file_r = ref_bytes[k] > 0 ? sprintf("%.3fx", $11 / ref_bytes[k]) : "-"
            if ($5 ~ /twice the height/)
                goal = sprintf("RSS independent of height: %s", yes($10 <= 1.1 * ref_rss[k]))
            if ($5 ~ /^vips/ && $4 == "PNG" && $5 !~ /^canting/)
                goal = sprintf("canting >= 3x faster: %.2fx %s; file no larger: %s; RSS >= 4x smaller: %.1fx %s",
                               $7 / ref_wall[k], yes($7 / ref_wall[k] >= 3), yes(ref_bytes[k] <= $11),
                               $10 / ref_rss[k], yes($10 / ref_rss[k] >= 4))
        }
    }
    line()
    cell($1 == "span" ? "span copier" : "kain panjang"); cell($2); cell($3); cell($4); cell($5)
    cell(ok ? fmt($7, 2) : $6); cell(ok ? fmt($13, 2) : "-"); cell(ok ? fmt(gbs, 2) : "-"); cell(speed == "" ? "-" : speed)
    cell(ok && $10 != "" ? fmt($10 / 1024, 1) : "-"); cell(rss_r == "" ? "-" : rss_r)
    cell(ok && $11 != "" ? fmt($11 / 1e6, 1) : "-"); cell(file_r == "" ? "-" : file_r)
    cell(goal == "" ? "-" : goal); cell($12 == "" ? "-" : $12)
}

END {
    split("part|case|layout|format|tool|wall s|CPU s|GB/s|speed vs ref|peak RSS MiB|RSS / canting|file MB|file / canting|goal|notes", head, "|")
    for (c = 1; c <= 15; c++) if (length(head[c]) > width[c]) width[c] = length(head[c])
    if (tile != "") print tile "\n"
    s = "|"; for (c = 1; c <= 15; c++) s = s sprintf(" %-" width[c] "s |", head[c]); print s
    s = "|"; for (c = 1; c <= 15; c++) { d = ""; for (i = 0; i < width[c]; i++) d = d "-"; if (c >= 6 && c <= 13) d = substr(d, 2) ":"; s = s " " d " |" } print s
    for (r = 1; r <= n; r++) {
        s = "|"
        for (c = 1; c <= 15; c++) s = s sprintf((c >= 6 && c <= 13) ? " %" width[c] "s |" : " %-" width[c] "s |", cells[r, c])
        print s
    }
    print ""
    print "GB/s: bytes of RGB output per second (span: written by the kernel, best of 5 rounds; kain: W x H x 3 / wall time)."
    print "speed vs ref: span kernel GB/s / memcpy GB/s; kain: canting's wall time / this tool's (below 1: slower than canting)."
    "nproc" | getline nproc
    print "CPU s: user + system seconds (CPU s / wall s = cores kept busy; the machine has " nproc ")."
    print "RSS / canting, file / canting: this tool's figure over canting's for the same resolution, layout and format."
    for (i = 1; i <= nnotes; i++) print notes[i]
}
