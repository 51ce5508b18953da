#!/bin/sh
# setup_browser.sh: playwright-core (the driver only; it downloads no
# browser) into build/studio-node for the studio's browser test, which runs
# Debian's chromium.  Safe to run again.
set -e
dir="${1:-build/studio-node}"
[ -d "$dir/node_modules/playwright-core" ] && { echo "playwright-core: ok"; exit 0; }
mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || echo '{"name": "canting-studio-test", "private": true}' > package.json
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error playwright-core > /dev/null
echo "playwright-core: ok"
