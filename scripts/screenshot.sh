#!/usr/bin/env bash
# Renders a report folder's index.html with headless Chromium and saves a PNG, to see the
# report as a person sees it.
#
#   scripts/screenshot.sh REPORT_DIR OUT.png [WIDTH [HEIGHT]]
#
# Installs Debian's `chromium` when it is missing (apt-get, through sudo when not root).
# The page needs no network; Chromium runs without a sandbox (as in containers) and GPU.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 REPORT_DIR OUT.png [WIDTH [HEIGHT]]" >&2
  exit 2
fi
report_dir=$1
out=$2
width=${3:-1280}
height=${4:-4000}

page="$report_dir/index.html"
if [ ! -f "$page" ]; then
  echo "error: $page does not exist (run 'kendali report ... --out $report_dir' first)" >&2
  exit 1
fi

browser=""
for candidate in chromium chromium-browser; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
  echo "Installing chromium…" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
  browser=chromium
fi

absolute_page="$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
absolute_out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$profile" --no-first-run --no-default-browser-check \
  --window-size="$width,$height" --screenshot="$absolute_out" "file://$absolute_page" >/dev/null 2>&1

if [ ! -s "$absolute_out" ]; then
  echo "error: chromium wrote no screenshot" >&2
  exit 1
fi
echo "$absolute_out"
