#!/bin/sh
# test_studio_browser.sh: `make check`'s entry to the studio's browser test
# (tests/studio/run_browser.sh); it reports SKIP where Chromium, node or
# playwright-core are missing.
exec sh tests/studio/run_browser.sh
