#!/usr/bin/env bash
# Look at docs/example.ipynb as staff see it: execute it in a Jupyter kernel, convert
# it to HTML with nbconvert, and take a screenshot of the page in headless Chromium.
#
# Usage: scripts/screenshot_notebook.sh [OUT.png] [HEIGHT]
#   OUT.png defaults to /tmp/nb.png, HEIGHT (of the window, in pixels) to 3000; the
#   executed page is left beside it (OUT.html).
#
# Needs: Debian's Chromium (apt-get install -y chromium) and a Python with the library's
# dependencies, pandas, nbconvert and ipykernel; set PYTHON to it (default: python3).
# The library is taken from this checkout's src/, not from an installed copy.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/nb.png}"
height="${2:-3000}"
python="${PYTHON:-python3}"
page="${out%.png}.html"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The kernel inherits PYTHONPATH, so the cells import this checkout's library.
PYTHONPATH="$PWD/src${PYTHONPATH:+:$PYTHONPATH}" "$python" -m nbconvert \
    --to html --execute --ExecutePreprocessor.timeout=600 \
    --output-dir "$work" --output page docs/example.ipynb
cp "$work/page.html" "$page"

# Flags: no sandbox (run as root), no GPU, and nothing that reaches the network.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars \
    --screenshot="$out" --window-size="1280,$height" "file://$(realpath "$page")"
echo "$page"
echo "$out"
