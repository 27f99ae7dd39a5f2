#!/usr/bin/env bash
# Installs what Kendali needs from Debian when it is missing: LAPACK/OpenBLAS, pkg-config and
# SQLite's headers. Uses sudo when not root. The Swift toolchain itself must already be present.
#
#   scripts/install-deps.sh [--with-chromium] [--with-openpyxl]
#
# --with-chromium also installs headless Chromium and a font, which `kendali report --pdf`
# uses and the test suite's print and phone checks of the report need (skipped without it).
# --with-openpyxl installs the Python package openpyxl from PyPI when it is missing: the test
# suite reads the workbooks Kendali writes with it, as a second reader (skipped without it).
set -euo pipefail

packages=(liblapack-dev libopenblas-dev pkg-config libsqlite3-dev)
want_openpyxl=0
for arg in "$@"; do
  case "$arg" in
    --with-chromium) packages+=(chromium fonts-dejavu-core) ;;
    --with-openpyxl) want_openpyxl=1 ;;
    *) echo "usage: $0 [--with-chromium] [--with-openpyxl]" >&2; exit 2 ;;
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

if [ "$want_openpyxl" -eq 1 ] && command -v python3 >/dev/null 2>&1 \
  && ! python3 -c 'import openpyxl' >/dev/null 2>&1; then
  echo "Installing: openpyxl (PyPI)" >&2
  python3 -m pip install --quiet openpyxl >&2 \
    || echo "warning: openpyxl could not be installed; the second-reader check of written workbooks is skipped" >&2
fi
