#!/usr/bin/env bash
# Screenshot a standalone HTML brief in headless Chromium, to check it looks right in a browser.
#   scripts/screenshot-html.sh out/idlib-2020/idlib-2020-2020-02-28.html /tmp/brief.png [WIDTHxHEIGHT]
# Needs Chromium (Debian: apt install chromium; macOS: Google Chrome, set CHROMIUM=path).
# The page must stand alone: the flags below cut the network, so a brief that needs anything
# beyond its own file shows broken images here.
set -euo pipefail
html=${1:?usage: $0 BRIEF.html OUT.png [WIDTHxHEIGHT]}
png=${2:?usage: $0 BRIEF.html OUT.png [WIDTHxHEIGHT]}
size=${3:-1200x6000}
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
[ -n "$browser" ] || { echo "error: Chromium not found; install it (apt install chromium) or set CHROMIUM" >&2; exit 2; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size="${size/x/,}" \
  --screenshot="$png" "file://$(realpath "$html")" >/dev/null 2>&1
[ -s "$png" ] || { echo "error: Chromium wrote no screenshot" >&2; exit 1; }
echo "$png"
