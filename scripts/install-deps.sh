#!/usr/bin/env bash
# Installs what Kendali needs from Debian when it is missing: LAPACK/OpenBLAS, pkg-config and
# SQLite's headers. Uses sudo when not root. The Swift toolchain itself must already be present.
#
#   scripts/install-deps.sh [--with-chromium]
#
# --with-chromium also installs headless Chromium and a font, which `kendali report --pdf`
# uses and the test suite's print and phone checks of the report need (skipped without it).
set -euo pipefail

packages=(liblapack-dev libopenblas-dev pkg-config libsqlite3-dev)
for arg in "$@"; do
  case "$arg" in
    --with-chromium) packages+=(chromium fonts-dejavu-core) ;;
    *) echo "usage: $0 [--with-chromium]" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "error: the Swift toolchain (swift) is not on PATH; install Swift 6 first (swift.org)." >&2
  exit 1
fi
