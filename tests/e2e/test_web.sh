#!/bin/sh
# The web app in a real browser: tests/browser/run.mjs drives Debian's
# Chromium (puppeteer-core) against `roster serve` on a generated roster and
# prints TAP lines. Screenshots and axe's findings go to
# build/browser-shots/<build>/ (test artefacts, not committed).
. "$(dirname "$0")/lib.sh"
command -v node > /dev/null || { not_ok "node is needed (make test installs it)"; exit 1; }
[ -d "$ROOT/tests/browser/node_modules/puppeteer-core" ] ||
    { not_ok "tests/browser needs its npm packages (make test installs them)"; exit 1; }
shots="$ROOT/build/browser-shots/$(basename "$(dirname "$ROSTER")")"
cd "$ROOT" && BROWSER_SHOTS="$shots" node tests/browser/run.mjs
