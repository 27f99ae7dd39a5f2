#!/usr/bin/env bash
# Times importing a national week as an .xlsx workbook against the same week as CSV, with
# `kendali ingest` into a new store each time: reading, validating and storing.
#
#   Benchmarks/ingest-xlsx.sh [PROVINCES] [REPEATS]   (default 69 provinces ≈ 80,000
#                                                      cooperatives, 3 repeats)
#
# The week: `kendali simulate --provinces PROVINCES --weeks 1` writes one national week as
# CSV; `SpreadsheetBench to-xlsx` writes the same table as a workbook with Spreadsheet's
# WorkbookWriter (codes and names as shared-string text, numbers as numbers, the report
# date as a date). Each repeat imports each file into an empty store and prints the wall
# time; the last line gives the median of each and the ratio xlsx / csv (the target is at
# most 3).
#
# Environment:
#   CONFIG       the SwiftPM configuration built and timed: release (default) or debug
#                (the data and spreadsheet modules are optimised in debug builds too)
#   SCRATCH      SwiftPM scratch path (default .build-release for release, .build for debug)
#   INGEST_DIR   keep the generated files there (default: a new temporary folder, removed)
set -euo pipefail
cd "$(dirname "$0")/.."
provinces="${1:-69}"
repeats="${2:-3}"
config="${CONFIG:-release}"
if [ "$config" = release ]; then scratch="${SCRATCH:-.build-release}"; else scratch="${SCRATCH:-.build}"; fi
dir="${INGEST_DIR:-}"
if [ -z "$dir" ]; then
    dir="$(mktemp -d)"
    trap 'rm -rf "$dir"' EXIT
fi
mkdir -p "$dir"

swift build -c "$config" --scratch-path "$scratch" --product kendali 2>&1 | tail -1
swift build -c "$config" --scratch-path "$scratch" --product SpreadsheetBench 2>&1 | tail -1
bin="$scratch/$config"

if [ ! -f "$dir/week.xlsx" ]; then
    "$bin/kendali" simulate --provinces "$provinces" --weeks 1 --out "$dir/world" >/dev/null
    cp "$dir/world/snapshots/"*.csv "$dir/week.csv"
    "$bin/SpreadsheetBench" to-xlsx "$dir/week.csv" "$dir/week.xlsx"
fi
rows=$(($(wc -l < "$dir/week.csv") - 1))
echo "week: $rows rows; week.csv $(stat -c %s "$dir/week.csv") bytes, week.xlsx $(stat -c %s "$dir/week.xlsx") bytes"
echo "kendali $config build; $(nproc) processors"

# Wall seconds of one `kendali ingest FILE` into a new store.
time_ingest() {
    rm -f "$dir/store.sqlite" "$dir/store.sqlite-wal" "$dir/store.sqlite-shm"
    local start end
    start=$(date +%s.%N)
    "$bin/kendali" ingest "$1" --db "$dir/store.sqlite" >/dev/null
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}

csv_times=()
xlsx_times=()
for i in $(seq 1 "$repeats"); do
    c=$(time_ingest "$dir/week.csv")
    x=$(time_ingest "$dir/week.xlsx")
    csv_times+=("$c")
    xlsx_times+=("$x")
    printf 'repeat %d: csv %.3f s, xlsx %.3f s\n' "$i" "$c" "$x"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mc=$(median "${csv_times[@]}")
mx=$(median "${xlsx_times[@]}")
printf 'median: csv %.3f s, xlsx %.3f s, ratio xlsx/csv %.2f\n' "$mc" "$mx" "$(awk -v x="$mx" -v c="$mc" 'BEGIN { print x / c }')"
