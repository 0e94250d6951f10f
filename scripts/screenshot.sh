#!/usr/bin/env bash
# Take a screenshot of an HTML page (a comparison report, an exported notebook) in a
# real headless browser, to look at it as a reader will.
#
#   scripts/screenshot.sh report.html report.png [WIDTHxHEIGHT]
#
# Needs Debian's chromium (apt-get install chromium). The flags keep it off the
# network and out of the user's profile.
set -euo pipefail
page="$1"
shot="$2"
size="${3:-1280,3000}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size="${size/x/,}" \
  --screenshot="$(realpath -m "$shot")" "file://$(realpath "$page")" 2>/dev/null
echo "wrote $shot"
