#!/bin/sh
# test_i18n.sh: the command speaks Indonesian under an Indonesian locale
# (messages, usage errors, help, a motif's descriptions) and English by
# default; numbers keep their decimal point in every language.
set -u
. tests/lib.sh


unset LC_ALL LC_MESSAGES LANGUAGE
indonesian() { # NAME ENV...: the Indonesian checks under the given environment
    tag=$1
    shift
    check "$tag: usage error" 2 "keluaran diperlukan: -o FILE.png" env "$@" "$bin" render kawung
    check "$tag: the hint after it" 2 "^Coba 'canting --help' untuk informasi lebih lanjut.$" env "$@" "$bin" render kawung
    check "$tag: --help" 0 "^Pemakaian: canting render MOTIF" env "$@" "$bin" render --help
    check "$tag: an option's help" 0 "resolusi dalam titik per inci" env "$@" "$bin" render --help
    check "$tag: the command list" 0 "^Perintah:" env "$@" "$bin" --help
    check "$tag: a message with a value" 2 "--dpi menerima angka dari 1 sampai 10000, bukan 'banyak'" \
        env "$@" "$bin" render kawung -o "$tmp/k.png" --dpi banyak
    check "$tag: a motif's description" 0 "jarak antarpusat bunga" env "$@" "$bin" info kawung
    check "$tag: the title" 0 "^kawung: Kawung: empat buah aren" env "$@" "$bin" info kawung
    check "$tag: numbers keep their point" 0 "131x131 px pada 33.3 dpi" \
        env "$@" "$bin" render kawung -o "$tmp/k.png" --size 10x10cm --dpi 33.3
}

# LANGUAGE picks the language under any locale but C (glibc's rule).
indonesian "LANGUAGE=id" LANG=C.UTF-8 LANGUAGE=id
if locale -a 2> /dev/null | grep -qix 'id_ID\.utf-\?8'; then
    indonesian "LANG=id_ID.UTF-8" LANG=id_ID.UTF-8
else
    echo "SKIP test_i18n: the locale id_ID.UTF-8 is not installed (.ci/deps.sh makes it)"
fi

check "English by default" 2 "an output is needed: -o FILE.png" env LANG=C.UTF-8 "$bin" render kawung
check "English help" 0 "^Usage: canting render MOTIF" env LANG=C "$bin" render --help
check "English descriptions" 0 "distance between flower centres" env LANG=en_US.UTF-8 "$bin" info kawung
check "no translation: English" 0 "^Usage: canting render" env LANG=C.UTF-8 LANGUAGE=fr "$bin" render --help
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
