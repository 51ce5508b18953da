#!/bin/sh
# test_install_docs.sh: `make install` puts the manual pages and the
# Indonesian messages where man and gettext look for them.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest="$tmp/root"
prefix=/usr/local
if ! make -s install DESTDIR="$dest" PREFIX="$prefix" BUILD="${CANTING_BUILD_DIR:-build}" > "$tmp/log" 2>&1; then
    cat "$tmp/log"; echo "0 passed, 1 failed"; exit 1
fi
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
for f in share/man/man1/canting.1 share/man/man5/canting-motif.5 share/locale/id/LC_MESSAGES/canting.mo; do
    [ -s "$dest$prefix/$f" ] && ok || bad "missing $prefix/$f"
done
cmp -s docs/man/canting.1 "$dest$prefix/share/man/man1/canting.1" && ok || bad "canting.1 differs from docs/man"
msgunfmt "$dest$prefix/share/locale/id/LC_MESSAGES/canting.mo" 2> /dev/null | grep -q "Coba 'canting --help'" && ok ||
    bad "the installed messages are not Indonesian"
if command -v man > /dev/null; then
    MANPATH="$dest$prefix/share/man" MANWIDTH=80 man canting-motif 2> /dev/null | grep -q "repeat W x H" && ok ||
        bad "man canting-motif does not find the installed page"
else
    echo "SKIP test_install_docs: man is not installed"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
