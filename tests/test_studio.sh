#!/bin/sh
# test_studio.sh: `canting studio`'s HTTP API, with curl against a studio on
# a free loopback port: every endpoint, its errors, path traversal, oversized
# requests, concurrent renders (the same bytes as the command line's) and a
# clean stop.  Run by `make check` from the top folder.  Under
# CANTING_VALGRIND=1 the server runs inside valgrind memcheck.
set -u
build="${CANTING_BUILD_DIR:-build}"
bin="$build/canting"
tmp=$(mktemp -d)
pass=0 fail=0
server=""

finish() {
    [ -n "$server" ] && kill -TERM "$server" 2> /dev/null && wait "$server" 2> /dev/null
    chmod -R u+w "$tmp" 2> /dev/null
    rm -rf "$tmp"
}
trap finish EXIT

if ! command -v curl > /dev/null 2>&1; then
    echo "SKIP studio API tests: no curl (apt-get install curl)"
    echo "0 passed, 0 failed"
    exit 0
fi
if "$bin" studio --help 2>&1 | grep -q "without libmicrohttpd"; then
    echo "SKIP studio API tests: this canting was built without libmicrohttpd (apt-get install libmicrohttpd-dev)"
    echo "0 passed, 0 failed"
    exit 0
fi

ok() { # NAME CONDITION...
    name=$1
    shift
    if "$@"; then pass=$((pass + 1)); else echo "FAIL $name"; fail=$((fail + 1)); fi
}

# req NAME STATUS PATTERN CURL_ARGS...: the reply's status and a pattern in its body
req() {
    name=$1 want=$2 pattern=$3
    shift 3
    got=$(curl -s -o "$tmp/body" -D "$tmp/head" -w '%{http_code}' "$@")
    if [ "$got" != "$want" ] || ! grep -Eq -- "$pattern" "$tmp/body"; then
        echo "FAIL $name: status $got (want $want), body:"; head -c 400 "$tmp/body"; echo
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
}

# post NAME STATUS PATTERN PATH FIELDS...: a form POST from the studio's page
post() {
    name=$1 want=$2 pattern=$3 path=$4
    shift 4
    req "$name" "$want" "$pattern" -H 'X-Canting: 1' "$@" "$base$path"
}

start() { # MOTIF_DIR or "": starts a studio and sets $base
    out="$tmp/server.out"
    : > "$out"
    wrap=""
    [ "${CANTING_VALGRIND:-0}" = 1 ] &&
        wrap="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
    # shellcheck disable=SC2086
    TMPDIR="$tmp/private" $wrap "$bin" studio $1 --port 0 > "$out" 2> "$tmp/server.err" &
    server=$!
    base=""
    for _ in $(seq 1 300); do
        base=$(sed -n 's|.*open \(http://[^ ]*\)/ .*|\1|p' "$out")
        [ -n "$base" ] && return 0
        kill -0 "$server" 2> /dev/null || break
        sleep 0.1
    done
    echo "FAIL the studio did not start:"; cat "$tmp/server.err"
    exit 1
}

stop() { # SIGNAL: the studio must stop cleanly (status 0)
    kill "-$1" "$server"
    wait "$server"
    status=$?
    server=""
    ok "stops on SIG$1 (status $status)" [ "$status" -eq 0 ]
    ok "says it stopped" grep -q "stopped" "$tmp/server.err"
    ok "leaves no private files" [ -z "$(ls -A "$tmp/private")" ]
}

# ---- a motif folder with a good motif, a broken one and links out ------------
mkdir -p "$tmp/motifs" "$tmp/outside" "$tmp/private"
cat > "$tmp/motifs/mine.motif" <<'MOTIF'
motif mine "Mine: one dot"
param r = 4mm range 1mm..9mm "dot radius"
inks
  cloth #f3ead8
  soga  #8a5a2b
colourway biru { cloth: #eef2f8 soga: #1f2a44 }
repeat 2cm
draw
  circle r r fill soga
MOTIF
printf 'motif broken\ninks\n  cloth #fff\n  ink #000\nrepeat 2cm\ndraw\n  circle r 1mm fill nosuchink\n' \
    > "$tmp/motifs/broken.motif"
cp "$tmp/motifs/mine.motif" "$tmp/outside/secret.motif"
echo "outside" > "$tmp/outside/keep.motif"
ln -s "$tmp/outside/secret.motif" "$tmp/motifs/evil.motif"
ln -s "$tmp/outside/keep.motif" "$tmp/motifs/keep.motif"
outside() { (ls -l --time-style=full-iso "$tmp/outside"; cat "$tmp/outside"/*) | md5sum; }
outside_before=$(outside)

start "$tmp/motifs"

# ---- the page ----------------------------------------------------------------
req "the page" 200 '<title>canting studio</title>' "$base/"
ok "the page has a content security policy" grep -qi '^Content-Security-Policy:.*default-src' "$tmp/head"
req "the script" 200 'api/preview' "$base/studio.js"
ok "both languages in the script" grep -q "save_as: 'Simpan sebagai'" "$tmp/body"
req "the style" 200 'preview-wrap' "$base/studio.css"
req "unknown page" 404 '"error"' "$base/secret"
req "no directory listing" 404 '"error"' "$base/web/"
req "no traversal to files" 404 '"error"' --path-as-is "$base/../../etc/passwd"
req "HEAD is refused" 405 '' -I "$base/api/info"
req "PUT is refused" 405 '' -X PUT "$base/api/preview"
ok "405 says what is allowed" grep -qi '^Allow: POST' "$tmp/head"
req "GET of a render" 405 'POST only' "$base/api/preview"
req "another Host (DNS rebinding)" 403 'own address' -H 'Host: evil.example:80' "$base/api/info"

# ---- listing and reading ----------------------------------------------------------
req "info" 200 '"layouts": \["straight", "half-drop"' "$base/api/info"
ok "info says saving works" grep -q '"motif_dir": true' "$tmp/body"
req "motifs" 200 '"name": "metro", "where": "library"' "$base/api/motifs"
ok "the folder's motif is listed" grep -q '"name": "mine", "where": "folder"' "$tmp/body"
ok "a broken motif is listed with its error" grep -q '"name": "broken", "where": "folder", "error"' "$tmp/body"
ok "links out of the folder are not listed" sh -c "! grep -q '\"evil\"\\|\"keep\"' '$tmp/body'"
req "a motif" 200 '"motif": \{"name": "metro".*"source": "# metro.motif' "$base/api/motif?name=metro"
req "the folder's motif" 200 '"where": "folder"' "$base/api/motif?name=mine"
req "a broken motif comes with its text" 422 '"line": 7, "column": 21.*"source": "motif broken' "$base/api/motif?name=broken"
req "unknown motif" 404 "no motif named 'nosuch'" "$base/api/motif?name=nosuch"
req "no name" 400 'motif name' "$base/api/motif"
req "../ in a name" 400 'motif name' "$base/api/motif?name=../outside/secret"
req "an encoded ../" 400 'motif name' "$base/api/motif?name=..%2Foutside%2Fsecret"
req "an absolute path" 400 'motif name' "$base/api/motif?name=%2Fetc%2Fpasswd"
req "a NUL in a name" 400 'motif name' "$base/api/motif?name=mine%00x"
req "a link out of the folder" 403 'outside its folder' "$base/api/motif?name=evil"
ok "nothing of the link's target is shown" sh -c "! grep -q 'one dot' '$tmp/body'"

# ---- checking motif text -------------------------------------------------------------
post "check: good text" 200 '"motif": \{"name": "mine"' /api/check -d motif=mine --data-urlencode "source@$tmp/motifs/mine.motif"
sed 's/^repeat 2cm/repeat 2cm what/' "$tmp/motifs/mine.motif" > "$tmp/bad.motif"
post "check: a mistake at its line and column" 400 '"line": 7, "column": 12' /api/check -d motif=mine --data-urlencode "source@$tmp/bad.motif"
post "check: needs text" 400 'source=' /api/check -d motif=mine
post "check: bad name" 400 'motif name' /api/check -d motif=../x -d source=x
printf 'motif u\ninks\n  cloth #fff\n  ink #000\nrepeat 2cm\ndraw\n  use keep\n' > "$tmp/use.motif"
post "check: use cannot follow a link out" 400 'keep' /api/check -d motif=u --data-urlencode "source@$tmp/use.motif"

# ---- previews ----------------------------------------------------------------------------
png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; }
post "preview" 200 '' /api/preview -d motif=metro -d p.size=0.34 -d size=60x60cm -d view=600x400
ok "preview is a PNG" png "$tmp/body"
ok "preview says what it applied" grep -qi '^X-Canting-Applied: size=0.34' "$tmp/head"
ok "preview fits the view" grep -qi '^X-Canting-Render: 400x400 px' "$tmp/head"
post "preview of edited text" 200 '' /api/preview -d motif=mine --data-urlencode "source@$tmp/motifs/mine.motif" -d view=300x300 -d p.r=6mm -d colourway=biru
post "preview without a border" 200 '' /api/preview -d motif=metro -d size=30x30cm -d border=0 -d view=300x300
post "preview: a border with no room" 400 'no room' /api/preview -d motif=metro -d size=30x30cm -d view=300x300
post "preview: layout" 200 '' /api/preview -d motif=mine -d layout=half-drop -d fraction=0.3 -d view=200x200
post "preview: unknown layout" 400 'layout' /api/preview -d motif=mine -d layout=zigzag -d view=200x200
post "preview: bad fraction" 400 'fraction' /api/preview -d motif=mine -d layout=brick -d fraction=2 -d view=200x200
post "preview: unknown colourway" 400 'neon' /api/preview -d motif=mine -d colourway=neon -d view=200x200
post "preview: out of range" 400 'range' /api/preview -d motif=mine -d p.r=50mm -d view=200x200
post "preview: unknown parameter" 400 'nosuch' /api/preview -d motif=mine -d p.nosuch=1 -d view=200x200
post "preview: wrong unit" 400 'unit|length|angle' /api/preview -d motif=mine -d p.r=45deg -d view=200x200
post "preview: unknown motif" 404 "no motif named" /api/preview -d motif=nosuch -d view=200x200
post "preview: ../ motif" 400 'motif name' /api/preview -d motif=../../etc/passwd -d view=200x200
post "preview: absolute motif" 400 'motif name' /api/preview -d motif=/etc/passwd -d view=200x200
post "preview: a link out" 403 'outside' /api/preview -d motif=evil -d view=200x200
post "preview: no motif" 400 'motif=NAME' /api/preview -d view=200x200
post "preview: a malformed motif" 400 '"line": 7, "column": 12' /api/preview -d motif=mine --data-urlencode "source@$tmp/bad.motif" -d view=200x200
post "preview: absurd view" 400 'view' /api/preview -d motif=mine -d view=100000x100000
post "preview: no view" 400 'view' /api/preview -d motif=mine
post "preview: absurd cloth" 400 'outside what the studio renders' /api/preview -d motif=mine -d size=900x900m -d view=200x200
post "preview: malformed size" 400 'size' /api/preview -d motif=mine -d size=big -d view=200x200
post "preview: bad dpi" 400 'dpi' /api/preview -d motif=mine -d dpi=1e9 -d view=200x200
post "preview: newest first" 200 '' /api/preview -d motif=mine -d view=64x64 -d client=tab1 -d seq=5
post "preview: an older one is dropped" 409 'superseded' /api/preview -d motif=mine -d view=64x64 -d client=tab1 -d seq=4
post "preview: another tab is not" 200 '' /api/preview -d motif=mine -d view=64x64 -d client=tab2 -d seq=1

# ---- guards on requests ----------------------------------------------------------------
req "POST without the page's header" 403 'X-Canting' -d motif=mine -d view=64x64 "$base/api/preview"
req "POST from another site" 403 'other web pages' -H 'X-Canting: 1' -H 'Origin: http://evil.example' -d motif=mine -d view=64x64 "$base/api/preview"
post "POST from the page's own origin" 200 '' /api/preview -H "Origin: $base" -d motif=mine -d view=64x64
head -c 300000 /dev/zero | tr '\0' 'a' > "$tmp/big"
post "a body over 256 KiB" 413 '256 KiB' /api/check -d motif=mine --data-urlencode "source@$tmp/big"
post "a chunked body over 256 KiB" 413 '256 KiB' /api/check -H 'Transfer-Encoding: chunked' -d motif=mine --data-urlencode "source@$tmp/big"
many=$(seq 1 200 | sed 's/.*/p.x&=1/' | tr '\n' '&')
post "too many fields" 413 'fields' /api/preview --data "motif=mine&view=64x64&$many"
long=$(head -c 40000 /dev/zero | tr '\0' 'a')
req "a query over the limit" 414 '' "$base/api/motif?name=$long"
post "a body that is not a form" 415 'x-www-form-urlencoded' /api/check -H 'Content-Type: application/json' --data '{"motif": "mine"}'

# ---- downloads: the same bytes as the command line's -----------------------------------
post "proof" 200 '' /api/proof -d motif=metro -d p.size=0.34 -d p.pose=-4deg -d colourway=tapis -d size=80x30cm -d dpi=40
ok "proof is an attachment" grep -qi '^Content-Disposition: attachment; filename="metro-proof.png"' "$tmp/head"
cp "$tmp/body" "$tmp/proof.png"
"$bin" render metro -q -o "$tmp/cli.png" --set size=0.34 --set pose=-4deg --colourway tapis --size 80x30cm --dpi 40
ok "proof = canting render, byte for byte" cmp -s "$tmp/proof.png" "$tmp/cli.png"
post "proof: too many pixels" 400 'too large' /api/proof -d motif=metro -d size=250x105cm -d dpi=600
post "films" 200 '' /api/films -d motif=mine -d size=6x6cm -d dpi=100
ok "films are a zip" grep -qi '^Content-Type: application/zip' "$tmp/head"
cp "$tmp/body" "$tmp/films.zip"
if command -v python3 > /dev/null 2>&1; then
    ok "the zip holds the film" sh -c "python3 -m zipfile -l '$tmp/films.zip' | grep -q 'mine-soga.png'"
    ok "the zip is sound" sh -c "python3 -m zipfile -t '$tmp/films.zip' > /dev/null"
else
    echo "SKIP the zip's contents: no python3"
fi
"$bin" separate mine -q -o "$tmp/cli" --size 6x6cm --dpi 100 --bits 1 --marks > /dev/null 2>&1 ||
    CANTING_MOTIF_PATH="$tmp/motifs" "$bin" separate mine -q -o "$tmp/cli" --size 6x6cm --dpi 100 --bits 1 --marks
if command -v python3 > /dev/null 2>&1; then
    python3 -c "import zipfile,sys; open(sys.argv[2],'wb').write(zipfile.ZipFile(sys.argv[1]).read('mine-soga.png'))" \
        "$tmp/films.zip" "$tmp/film.png"
    ok "the film = canting separate --bits 1 --marks" cmp -s "$tmp/film.png" "$tmp/cli-soga.png"
fi
post "stage sheet" 200 '' /api/stages -d motif=bang_biru -d size=10x10cm -d dpi=50
ok "stage sheet is a PNG" png "$tmp/body"
ok "stage sheet is named" grep -qi 'filename="bang_biru-stages.png"' "$tmp/head"
post "contact sheet" 200 '' /api/contact -d motif=mine -d vary=r -d colourway=biru
ok "contact sheet is a PNG" png "$tmp/body"
post "contact: unknown parameter" 400 'vary' /api/contact -d motif=mine -d vary=nosuch

# ---- saving -------------------------------------------------------------------------------
sed 's/^motif mine/motif mine2/; s/= 4mm/= 5mm/' "$tmp/motifs/mine.motif" > "$tmp/mine2.motif"
post "save as" 200 '"saved": "mine2"' /api/save -d name=mine2 --data-urlencode "source@$tmp/mine2.motif"
ok "saved whole" cmp -s "$tmp/motifs/mine2.motif" "$tmp/mine2.motif"
post "save over needs consent" 409 'exists' /api/save -d name=mine2 --data-urlencode "source@$tmp/mine2.motif"
post "save over" 200 'saved' /api/save -d name=mine2 -d overwrite=1 --data-urlencode "source@$tmp/mine2.motif"
req "the saved motif is listed" 200 '"name": "mine2", "where": "folder"' "$base/api/motifs"
post "save: a malformed motif" 400 '"line": 7, "column": 12' /api/save -d name=mine3 --data-urlencode "source@$tmp/bad.motif"
ok "a malformed motif is not saved" [ ! -e "$tmp/motifs/mine3.motif" ]
post "save: ../ name" 400 'motif name' /api/save -d name=../outside/x --data-urlencode "source@$tmp/mine2.motif"
post "save: absolute name" 400 'motif name' /api/save -d name=/tmp/x --data-urlencode "source@$tmp/mine2.motif"
post "save: over a link out" 403 'not a plain file' /api/save -d name=evil -d overwrite=1 --data-urlencode "source@$tmp/mine2.motif"
ok "the link's target is untouched" cmp -s "$tmp/outside/secret.motif" "$tmp/motifs/mine.motif"
ok "nothing outside the folder changed" [ "$(outside)" = "$outside_before" ]
ok "no temporary files left in the folder" [ -z "$(ls -A "$tmp/motifs" | grep -v '^\(mine\|mine2\|broken\|evil\|keep\)\.motif$')" ]
chmod a-w "$tmp/motifs"
if [ "$(id -u)" != 0 ]; then
    post "save into a read-only folder" 500 'cannot' /api/save -d name=mine4 --data-urlencode "source@$tmp/mine2.motif"
fi
chmod u+w "$tmp/motifs"

# ---- concurrent renders: identical to the command line's --------------------------------
# view 500x500 of a 254 mm (10 in) cloth is exactly 50 dpi, and previews use
# zlib level 1, so `canting render --dpi 50 --compression 1` makes the same file.
pids=""
for i in 1 2 3 4 5 6 7 8; do
    curl -s -o "$tmp/c$i.png" -H 'X-Canting: 1' -d motif=kawung -d "p.turn=$((i * 5))deg" -d size=254x254mm \
        -d view=500x500 -d colourway=sogan "$base/api/preview" &
    pids="$pids $!"
done
# shellcheck disable=SC2086
wait $pids
for i in 1 2 3 4 5 6 7 8; do
    "$bin" render kawung -q -o "$tmp/r$i.png" --set "turn=$((i * 5))deg" --size 254x254mm --dpi 50 --compression 1 \
        --colourway sogan
done
same=0
for i in 1 2 3 4 5 6 7 8; do cmp -s "$tmp/c$i.png" "$tmp/r$i.png" && same=$((same + 1)); done
ok "8 concurrent previews = canting render ($same of 8)" [ "$same" -eq 8 ]
ok "the previews differ from each other" sh -c "! cmp -s '$tmp/c1.png' '$tmp/c8.png'"
pids=""
for i in 1 2 3; do
    curl -s -o "$tmp/p$i.png" -H 'X-Canting: 1' -d motif=kawung -d p.cell=$((i + 3))cm -d size=20x20cm -d dpi=60 \
        "$base/api/proof" &
    pids="$pids $!"
done
# shellcheck disable=SC2086
wait $pids
same=0
for i in 1 2 3; do
    "$bin" render kawung -q -o "$tmp/q$i.png" --set cell=$((i + 3))cm --size 20x20cm --dpi 60
    cmp -s "$tmp/p$i.png" "$tmp/q$i.png" && same=$((same + 1))
done
ok "3 concurrent proofs = canting render ($same of 3)" [ "$same" -eq 3 ]
req "still answering" 200 '"version"' "$base/api/info"

stop TERM
ok "the access log names refused requests" grep -q '403 POST /api/preview' "$tmp/server.err"

# ---- without a motif folder; SIGINT ---------------------------------------------------------
start ""
req "info: no folder" 200 '"motif_dir": false' "$base/api/info"
post "save needs a folder" 403 'canting studio FOLDER' /api/save -d name=x --data-urlencode "source@$tmp/mine2.motif"
stop INT

# ---- the command line ------------------------------------------------------------------------
"$bin" studio --port 99999 > "$tmp/o" 2>&1
ok "a bad port is a usage error" [ $? -eq 2 ]
"$bin" studio --listen nowhere --port 0 > "$tmp/o" 2>&1
ok "a bad address is a usage error" [ $? -eq 2 ]
"$bin" studio "$tmp/no/such" --port 0 > "$tmp/o" 2>&1
ok "a missing folder is refused" [ $? -eq 1 ]
ok "with a message" grep -q "is not a folder" "$tmp/o"
ok "studio is in the help" sh -c "'$bin' --help | grep -q 'studio \[MOTIF_DIR\]'"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
