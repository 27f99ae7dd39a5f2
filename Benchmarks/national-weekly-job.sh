#!/usr/bin/env bash
# The national weekly job, side by side with the Python peer's national pipeline: the whole
# process of `kendali report --db STORE --level national` against the peer's whole pipeline
# on the same weekly files, alternating, each run timed by /usr/bin/time -v (wall, CPU, peak
# memory), with the median of each and the ratio of the medians.
#
#   Benchmarks/national-weekly-job.sh [SNAPSHOTS [REPEATS]]
#
# SNAPSHOTS is a folder of weekly files (default: the national world of
# `kendali simulate --provinces 69`, made once in WORK). The store is made from it once with
# `kendali ingest` (with REGISTER when given) and kept in WORK.
#
# Environment:
#   PEER_DIR  the peer's folder, with peer_pipeline.py (required; not part of this repository)
#   VENV      the peer's venv (default ${XDG_CACHE_HOME:-$HOME/.cache}/kendali/venv-peers; see
#             Benchmarks/peer-side-by-side.sh for how it is made)
#   SCRATCH   SwiftPM scratch path of the release build (default .build-release)
#   WORK      folder for the world, the store and the reports (default: a new temporary folder)
#   REGISTER  a register of cooperatives for `kendali ingest --registry` (optional)
#   THREADS   OPENBLAS_NUM_THREADS for both (default 2)
#   OUT       results folder (default Benchmarks/results/national-weekly-job)
set -euo pipefail
cd "$(dirname "$0")/.."
snapshots="${1:-}"
repeats="${2:-3}"
peer="${PEER_DIR:-}"
venv="${VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/kendali/venv-peers}"
scratch="${SCRATCH:-.build-release}"
out="${OUT:-Benchmarks/results/national-weekly-job}"
export OPENBLAS_NUM_THREADS="${THREADS:-2}"
[ -f "$peer/peer_pipeline.py" ] || { echo "no peer_pipeline.py in $peer (set PEER_DIR)" >&2; exit 2; }
[ -x "$venv/bin/python" ] || { echo "no peer venv at $venv (see Benchmarks/peer-side-by-side.sh)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time)" >&2; exit 2; }

swift build -c release --scratch-path "$scratch" --product kendali
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"
if [ -n "${WORK:-}" ]; then
    work="$WORK"
    mkdir -p "$work"
else
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
fi
if [ -z "$snapshots" ]; then
    snapshots="$work/world/snapshots"
    if [ ! -d "$snapshots" ]; then
        echo "== simulate --provinces 69" >&2
        "$bin/kendali" simulate --seed 7 --provinces 69 --out "$work/world" >&2
    fi
fi
store="$work/national.sqlite"
if [ ! -f "$store" ]; then
    echo "== ingest into $store" >&2
    registry=()
    [ -n "${REGISTER:-}" ] && registry=(--registry "$REGISTER")
    "$bin/kendali" ingest "$snapshots" --db "$store" "${registry[@]}" > /dev/null
fi

mkdir -p "$out/runs"
cat "$snapshots"/* > /dev/null
cat "$store" > /dev/null
for i in $(seq 1 "$repeats"); do
    echo "== run $i/$repeats: kendali report --db --level national" >&2
    /usr/bin/time -v "$bin/kendali" report --db "$store" --level national --out "$work/report" \
        > /dev/null 2> "$out/runs/kendali-$i.log"
    echo "== run $i/$repeats: peer" >&2
    /usr/bin/time -v "$venv/bin/python" "$peer/peer_pipeline.py" --snapshots "$snapshots" \
        > /dev/null 2> "$out/runs/peer-$i.log"
    # The command lines name local folders: not kept.
    sed -i '/Command being timed/d' "$out/runs/kendali-$i.log" "$out/runs/peer-$i.log"
done

python3 - "$out" "$repeats" <<'PYEOF'
import re, statistics, sys
out, repeats = sys.argv[1], int(sys.argv[2])

def timing(path):
    text = open(path).read()
    def field(name):
        return re.search(re.escape(name) + r": (.+)", text).group(1).strip()
    wall = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        wall = wall * 60 + float(part)
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    return wall, cpu, int(field("Maximum resident set size (kbytes)")) / 1024

runs = {who: [timing(f"{out}/runs/{who}-{i}.log") for i in range(1, repeats + 1)] for who in ("kendali", "peer")}
med = {who: [statistics.median(r[k] for r in runs[who]) for k in range(3)] for who in runs}
lines = [
    "| | wall (s) | CPU (s) | peak memory (MB) |",
    "|---|---:|---:|---:|",
    "| `kendali report --db STORE --level national` | %.2f | %.2f | %.0f |" % tuple(med["kendali"]),
    "| the peer's national pipeline | %.2f | %.2f | %.0f |" % tuple(med["peer"]),
    "",
    "Peer / Kendali, wall: %.1f× (medians of %d alternating runs)." % (med["peer"][0] / med["kendali"][0], repeats),
]
open(f"{out}/national-weekly-job.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PYEOF
