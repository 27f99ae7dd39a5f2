#!/usr/bin/env bash
# The main job: installs what is missing, builds Kendali in release mode, checks the numeric
# core and writes the weekly report of the bundled NTB dataset (Bahasa Indonesia) to
# ./laporan-mingguan (override with the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-laporan-mingguan}"
bash scripts/install-deps.sh
swift build -c release --product kendali
bin="$(swift build -c release --show-bin-path)/kendali"
"$bin" selfcheck
"$bin" report datasets/ntb/snapshots --out "$out"
echo "Laporan mingguan / weekly report: $(cd "$out" && pwd)/index.html"
