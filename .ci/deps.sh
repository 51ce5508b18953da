#!/bin/sh
# Installs what canting needs to build and test, from Debian's packages.
# Run as root (or through sudo).  Safe to run again.
set -e
packages="build-essential pkg-config libcairo2-dev libpng-dev libjpeg-dev zlib1g-dev check valgrind file binutils poppler-utils"
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
echo "dependencies: ok"
