#!/bin/sh
# Installs what canting needs to build and test, from Debian's packages.
# Run as root (or through sudo).  Safe to run again.
set -e
packages="build-essential pkg-config libcairo2-dev libpng-dev libjpeg-dev zlib1g-dev check valgrind file binutils poppler-utils clang libclang-rt-14-dev gettext locales python3 libmicrohttpd-dev curl chromium"
missing=""
for p in $packages; do
    dpkg -s "$p" > /dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq $missing > /dev/null
fi
# The Indonesian messages are tested under id_ID.UTF-8, and glibc's gettext
# translates only under a locale that exists.
if ! locale -a 2> /dev/null | grep -qix 'id_ID\.utf-\?8'; then
    sed -i 's/^# *\(id_ID\.UTF-8 UTF-8\)/\1/' /etc/locale.gen
    grep -q '^id_ID\.UTF-8 UTF-8' /etc/locale.gen || echo 'id_ID.UTF-8 UTF-8' >> /etc/locale.gen
    locale-gen > /dev/null
fi
# The studio's browser test drives Debian's chromium from node: any node will
# do, Debian's where there is none.
if ! command -v node > /dev/null 2>&1 || ! command -v npm > /dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq nodejs npm > /dev/null
fi
echo "dependencies: ok"
