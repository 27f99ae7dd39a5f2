#!/usr/bin/env bash
# National scale, measured: every pipeline stage (read CSV, import into the store, load the
# history, build the panel, fit the delay factors and the S-curves, Kaplan–Meier, Cox, fit the
# forecast model, forecast, rank, report) at three sizes, and time and peak memory against the
# number of cooperatives and the number of weeks.
#
#   Benchmarks/national-scale.sh [RESULTS_DIR]        (default Benchmarks/results/national-scale)
#
# Sizes: the bundled province (datasets/ntb/snapshots, 1,166 × 70 weeks); 10 provinces; the
# national world of `kendali simulate --provinces 69` (about 80,000 × 70 weeks, 700 MB).
# Scaling: 1, 3, 10, 30 and 69 provinces at 70 weeks; 10 provinces at 20, 35, 52, 70 and 104
# weeks (the first N weekly files of one 104-week world).
#
# Writes RESULTS_DIR/runs/*.json (one pipeline run each, with the BLAS library and its thread
# count), stages-by-size.md, scaling-cooperatives.md, scaling-weeks.md and the charts
# scaling-{cooperatives,weeks}-{time,memory}.svg.
#
# Environment:
#   SCRATCH   SwiftPM scratch path of the release build (default .build-release)
#   WORK      folder for the simulated worlds (default: a new temporary folder, removed at the end)
#   THREADS   OPENBLAS_NUM_THREADS (default 2)
#   REPEATS   timed runs per stage for the province and 10 provinces (default 3; national and
#             the other scaling points run once)
#   SEED      simulation seed (default 7)
#   ONLY      "sizes" or "scaling" to run one half (default both)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-Benchmarks/results/national-scale}"
scratch="${SCRATCH:-.build-release}"
repeats="${REPEATS:-3}"
seed="${SEED:-7}"
only="${ONLY:-}"
export OPENBLAS_NUM_THREADS="${THREADS:-2}"

swift build -c release --scratch-path "$scratch" --product KendaliBench
swift build -c release --scratch-path "$scratch" --product kendali
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"

if [ -n "${WORK:-}" ]; then
    work="$WORK"
    mkdir -p "$work"
else
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$out/runs"

# simulate K WEEKS: a world of K provinces (cached in $work).
simulate() {
    local dir="$work/p$1-w$2"
    if [ ! -d "$dir/snapshots" ]; then
        echo "== simulate --provinces $1 --weeks $2" >&2
        "$bin/kendali" simulate --seed "$seed" --provinces "$1" --weeks "$2" --out "$dir" >&2
    fi
    echo "$dir/snapshots"
}

# first_weeks DIR N: a folder of the first N weekly files of DIR (hard links).
first_weeks() {
    local dst="$1-first$2"
    if [ ! -d "$dst" ]; then
        mkdir -p "$dst"
        find "$1" -maxdepth 1 -name '*.csv' | sort | head -n "$2" | while read -r f; do ln "$f" "$dst/"; done
    fi
    echo "$dst"
}

# pipeline LABEL DIR REPEATS
pipeline() {
    echo "== $1" >&2
    "$bin/KendaliBench" pipeline --snapshots "$2" --label "$1" --repeats "$3" \
        --seed 1 --json "$out/runs/$1.json"
}

ten="$(simulate 10 104)"
ten70="$(first_weeks "$ten" 70)"
if [ "$only" != "scaling" ]; then
    pipeline province datasets/ntb/snapshots "$repeats"
    pipeline 10-provinces "$ten70" "$repeats"
    national="$(simulate 69 70)"
    pipeline national "$national" 1
    rm -rf "$work/p69-w70"  # 700 MB
    "$bin/KendaliBench" table --out "$out/stages-by-size.md" \
        "$out/runs/province.json" "$out/runs/10-provinces.json" "$out/runs/national.json" > /dev/null
fi
if [ "$only" != "sizes" ]; then
    pipeline 3-provinces "$(simulate 3 70)" 1
    pipeline 30-provinces "$(simulate 30 70)" 1
    rm -rf "$work/p30-w70" "$work/p3-w70"
    for w in 20 35 52; do
        pipeline "10-provinces-${w}wk" "$(first_weeks "$ten" "$w")" 1
    done
    pipeline 10-provinces-104wk "$ten" 1
    coops=("$out/runs/province.json" "$out/runs/3-provinces.json" "$out/runs/10-provinces.json"
           "$out/runs/30-provinces.json" "$out/runs/national.json")
    weeks=("$out/runs/10-provinces-20wk.json" "$out/runs/10-provinces-35wk.json" "$out/runs/10-provinces-52wk.json"
           "$out/runs/10-provinces.json" "$out/runs/10-provinces-104wk.json")
    "$bin/KendaliBench" table --out "$out/scaling-cooperatives.md" "${coops[@]}" > /dev/null
    "$bin/KendaliBench" table --out "$out/scaling-weeks.md" "${weeks[@]}" > /dev/null
    "$bin/KendaliBench" chart --by cooperatives --out-prefix "$out/scaling-cooperatives" "${coops[@]}"
    "$bin/KendaliBench" chart --by weeks --out-prefix "$out/scaling-weeks" "${weeks[@]}"
fi
echo "results in $out" >&2
