#!/bin/sh
# test_watch.sh: `canting render --watch` renders again within a second of
# an edit to the motif or a motif it uses, prints errors without stopping,
# and ends cleanly on SIGTERM and SIGINT.
set -u
bin="${CANTING_BUILD_DIR:-build}/canting"
tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2> /dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Waits up to $2 ms for the file's checksum to differ from $1; prints the
# milliseconds it took, or nothing.
wait_change() { # OLD_SUM LIMIT_MS FILE
    start=$(now_ms)
    while [ $(($(now_ms) - start)) -le "$2" ]; do
        if [ -s "$3" ] && [ "$(cksum < "$3")" != "$1" ]; then
            echo $(($(now_ms) - start))
            return 0
        fi
        sleep 0.02
    done
    return 1
}

wait_log() { # PATTERN LIMIT_MS
    start=$(now_ms)
    while [ $(($(now_ms) - start)) -le "$2" ]; do
        grep -q -- "$1" "$tmp/log" && return 0
        sleep 0.02
    done
    return 1
}

cat > "$tmp/dot.motif" << 'MOTIF'
motif dot
param r = 3mm
inks
  cloth #efe3c8
  soga  #8a5a2b
draw
  circle r r fill soga
MOTIF
cat > "$tmp/w.motif" << 'MOTIF'
motif w
param cell = 2cm range 1cm..4cm
inks
  cloth #efe3c8
  soga  #8a5a2b
repeat cell
draw
  use dot
MOTIF

"$bin" render "$tmp/w.motif" -o "$tmp/w.png" --size 6x6cm --dpi 50 --watch > "$tmp/log" 2>&1 &
pid=$!
wait_change "none" 5000 "$tmp/w.png" > /dev/null && ok || bad "no first render: $(cat "$tmp/log")"
wait_log "watching 2 file" 2000 && ok || bad "not watching the motif and the one it uses: $(cat "$tmp/log")"

# an edit to the motif itself
sum=$(cksum < "$tmp/w.png")
sed -i 's/param cell = 2cm/param cell = 3cm/' "$tmp/w.motif"
took=$(wait_change "$sum" 1000 "$tmp/w.png") && ok || bad "an edit was not picked up within a second: $(cat "$tmp/log")"
echo "picked up the edit in ${took:-?} ms"

# an edit to the motif it uses
sum=$(cksum < "$tmp/w.png")
sed -i 's/param r = 3mm/param r = 6mm/' "$tmp/dot.motif"
wait_change "$sum" 1000 "$tmp/w.png" > /dev/null && ok || bad "an edit to a used motif was not picked up: $(cat "$tmp/log")"

# a mistake is printed with its place, and the watch goes on
sum=$(cksum < "$tmp/w.png")
sed -i 's/^  use dot$/  use dot at/' "$tmp/w.motif"
wait_log "w.motif:8:" 1000 && ok || bad "the error was not printed: $(cat "$tmp/log")"
kill -0 "$pid" 2> /dev/null && ok || bad "the watch stopped on an error"
[ "$(cksum < "$tmp/w.png")" = "$sum" ] && ok || bad "a broken motif replaced the proof"
# and mending it renders again (the same picture as before the mistake)
renders=$(grep -c "^wrote" "$tmp/log")
sed -i 's/^  use dot at$/  use dot/' "$tmp/w.motif"
wait_log_count() { # COUNT LIMIT_MS
    start=$(now_ms)
    while [ $(($(now_ms) - start)) -le "$2" ]; do
        [ "$(grep -c "^wrote" "$tmp/log")" -ge "$1" ] && return 0
        sleep 0.02
    done
    return 1
}
wait_log_count $((renders + 1)) 1000 && ok || bad "the mended motif was not rendered: $(cat "$tmp/log")"
sum=$(cksum < "$tmp/w.png")
sed -i 's/param r = 6mm/param r = 2mm/' "$tmp/dot.motif"
wait_change "$sum" 1000 "$tmp/w.png" > /dev/null && ok || bad "the used motif is no longer watched"

kill -TERM "$pid"
start=$(now_ms)
while kill -0 "$pid" 2> /dev/null && [ $(($(now_ms) - start)) -lt 2000 ]; do sleep 0.05; done
if kill -0 "$pid" 2> /dev/null; then
    bad "SIGTERM did not stop the watch"
else
    wait "$pid"
    status=$?
    [ "$status" -eq 0 ] && ok || bad "the watch ended with status $status"
fi
pid=""

# SIGINT (Ctrl-C) too, with a motif by name
"$bin" render kawung -o "$tmp/k.png" --size 5x5cm --dpi 30 --watch -q > "$tmp/log" 2>&1 &
pid=$!
wait_change "none" 5000 "$tmp/k.png" > /dev/null && ok || bad "no render of kawung: $(cat "$tmp/log")"
kill -INT "$pid"
start=$(now_ms)
while kill -0 "$pid" 2> /dev/null && [ $(($(now_ms) - start)) -lt 2000 ]; do sleep 0.05; done
kill -0 "$pid" 2> /dev/null && bad "SIGINT did not stop the watch" || { wait "$pid" && ok || bad "SIGINT status"; }
pid=""
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
