#!/bin/sh
# test_install.sh: `make install` into a temporary DESTDIR, then an example
# built with nothing but `pkg-config --cflags --libs canting`, run, and a
# motif found by name from the installed library; the manual pages and the
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
for f in include/canting.h lib/libcanting.a lib/libcanting.so lib/libcanting.so.0 lib/pkgconfig/canting.pc \
         bin/canting share/canting/motifs/kawung.motif \
         share/canting/studio/index.html share/canting/studio/studio.css share/canting/studio/studio.js; do
    [ -e "$dest$prefix/$f" ] && ok || bad "missing $prefix/$f"
done
export PKG_CONFIG_PATH="$dest$prefix/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest"
san=""
[ "${SANITIZE:-0}" = 1 ] && san="-fsanitize=address,undefined"
# shellcheck disable=SC2046
if cc -std=c11 -Wall -Wextra -Wpedantic -Werror $san examples/render_proof.c $(pkg-config --cflags --libs canting) \
      -o "$tmp/render_proof" 2> "$tmp/cc.log"; then ok; else cat "$tmp/cc.log"; bad "example does not build by pkg-config"; fi
if LD_LIBRARY_PATH="$dest$prefix/lib" "$tmp/render_proof" motifs/kawung.motif "$tmp/k.png" > "$tmp/run.log" 2>&1 \
   && [ -s "$tmp/k.png" ]; then ok; else cat "$tmp/run.log"; bad "example built by pkg-config does not run"; fi
# The header is usable from C++ (its extern "C" guards are right).
printf '#include <canting.h>\nint main() { return canting_version()[0] == 0; }\n' > "$tmp/smoke.cpp"
# shellcheck disable=SC2046
if c++ -Wall -Wextra -Werror $san "$tmp/smoke.cpp" $(pkg-config --cflags --libs canting) -o "$tmp/smoke" 2> "$tmp/cxx.log" \
   && LD_LIBRARY_PATH="$dest$prefix/lib" "$tmp/smoke"; then ok; else cat "$tmp/cxx.log"; bad "C++ cannot use the header"; fi
soname=$(objdump -p "$dest$prefix/lib/libcanting.so" 2>/dev/null | awk '/SONAME/ {print $2}')
[ "$soname" = libcanting.so.0 ] && ok || bad "soname is '$soname'"
exported=$(nm -D --defined-only "$dest$prefix/lib/libcanting.so" | awk '{print $3}' | grep -v '^canting_' | grep -v '^_' | head -3)
[ -z "$exported" ] && ok || bad "non-API symbols exported: $exported"
# manual pages and messages
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
    echo "SKIP test_install: man is not installed"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
