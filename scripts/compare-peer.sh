#!/usr/bin/env bash
# Compares Kendali's green-date forecast with the Python peer (not part of this repository:
# its folder, holding peer_pipeline.py, is PEER_DIR) at every backtest cut-off, on the same
# weekly snapshots.
#
# For each cut-off the peer is run on a copy of the snapshot folder truncated at the
# cut-off (the weekly files whose report date is on or before it), and its forecast CSV is
# scored by `kendali backtest --compare` beside Kendali's own forecast, against the truth
# file when one is given. Prints one line per cut-off: our MAE, the peer's MAE, their
# ratio and both P10–P90 coverages (a true date on P10 or P90 counted half).
#
# Usage:
#   scripts/compare-peer.sh [SNAPSHOT_FOLDER [TRUTH_CSV]]
#     default: datasets/ntb/snapshots and datasets/ntb/truth.csv
#
# Environment:
#   PEER_DIR        the peer's folder, with peer_pipeline.py (required)
#   KENDALI         the kendali binary (default: build the release product, see SCRATCH)
#   SCRATCH         swift build --scratch-path for that build (default: .build)
#   PEER_VENV       the peer's virtual environment, created when missing
#                   (default: $XDG_CACHE_HOME/kendali/peer-venv or ~/.cache/kendali/peer-venv)
#   CUTOFFS         comma-separated YYYY-MM-DD (default: the backtest's default cut-offs)
#   PATHS, SEED     Kendali's Monte Carlo paths (500) and seed (1)
#   PEER_PATHS      the peer's paths (1000, its default), PEER_SEED its seed (7)
#   KEEP_WORK=1     keep the temporary folder (truncated snapshots, peer forecasts, CSV)
#   BY_STAGE=1      also print the lines among the cooperatives at each stage at the
#                   cut-off (not_started, building, complete): where the error is
#   ORACLE_SEED=N   the folder is the world of `kendali simulate --seed N` (the bundled
#                   dataset: 2715): also score the oracle forecast of that world
#                   (`kendali simulate --oracle-as-of`, ORACLE_PATHS futures, default 1000),
#                   the floor of any forecaster's error, and print its MAE and ratios
#
# Nothing is written inside PEER_DIR or the repository (apart from the build folder); the
# working files go to a temporary folder removed at exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
peers="${PEER_DIR:?set PEER_DIR to the folder of the peer (the one holding peer_pipeline.py)}"

snapshots="${1:-$root/datasets/ntb/snapshots}"
truth="${2:-}"
if [[ $# -lt 1 && -z "$truth" ]]; then truth="$root/datasets/ntb/truth.csv"; fi
[[ -d "$snapshots" ]] || { echo "error: $snapshots is not a folder" >&2; exit 2; }
[[ -z "$truth" || -f "$truth" ]] || { echo "error: $truth not found" >&2; exit 2; }
snapshots="$(cd "$snapshots" && pwd)"
[[ -z "$truth" ]] || truth="$(cd "$(dirname "$truth")" && pwd)/$(basename "$truth")"
[[ -f "$peers/peer_pipeline.py" ]] || { echo "error: no peer_pipeline.py in $peers (set PEER_DIR)" >&2; exit 2; }

paths="${PATHS:-500}"
seed="${SEED:-1}"
peer_paths="${PEER_PATHS:-1000}"
peer_seed="${PEER_SEED:-7}"

# --- Kendali ----------------------------------------------------------------------------
if [[ -n "${KENDALI:-}" ]]; then
    kendali="$KENDALI"
else
    scratch="${SCRATCH:-$root/.build}"
    (cd "$root" && swift build -c release --scratch-path "$scratch" --product kendali >&2)
    kendali="$(cd "$root" && swift build -c release --scratch-path "$scratch" --show-bin-path)/kendali"
fi
[[ -x "$kendali" ]] || { echo "error: $kendali is not executable" >&2; exit 2; }

# --- The peer's environment (outside the repository) -------------------------------------
venv="${PEER_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/kendali/peer-venv}"
requirements="$peers/requirements-peers.txt"
stamp="$venv/.kendali-requirements"
if [[ ! -x "$venv/bin/python" ]] || ! cmp -s "$requirements" "$stamp"; then
    echo "setting up the peer's environment in $venv" >&2
    mkdir -p "$(dirname "$venv")"
    python3 -m venv --system-site-packages "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2
    cp "$requirements" "$stamp"
fi
py="$venv/bin/python"
export PYTHONDONTWRITEBYTECODE=1 OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

work="$(mktemp -d -t kendali-peer.XXXXXX)"
if [[ "${KEEP_WORK:-0}" == 1 ]]; then
    echo "working files kept in $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi

# --- Cut-offs and the report date of every weekly file ----------------------------------
if [[ -n "${CUTOFFS:-}" ]]; then
    cutoffs="${CUTOFFS//,/ }"
else
    cutoffs="$("$kendali" backtest "$snapshots" --list-cutoffs | tr '\n' ' ')"
fi
[[ -n "${cutoffs// /}" ]] || { echo "error: no cut-off" >&2; exit 1; }

# "date<TAB>file" for every CSV: the tanggal_laporan of its first row (any header case, ',' or
# ';', a byte-order mark, YYYY-MM-DD or DD/MM/YYYY), as the peer reads it.
"$py" - "$snapshots" > "$work/dates.tsv" <<'PY'
import csv, datetime, glob, os, sys
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.csv"))):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        header = fh.readline()
        delim = ";" if header.count(";") > header.count(",") else ","
        names = [h.strip().strip('"').lower() for h in next(csv.reader([header], delimiter=delim))]
        if "tanggal_laporan" not in names:
            sys.exit(f"error: {path}: no tanggal_laporan column")
        k = names.index("tanggal_laporan")
        for row in csv.reader(fh, delimiter=delim):
            if len(row) > k and row[k].strip():
                v = row[k].strip()
                d = (datetime.datetime.strptime(v, "%d/%m/%Y").date() if "/" in v
                     else datetime.date.fromisoformat(v))
                print(f"{d.isoformat()}\t{path}")
                break
PY

# --- The peer at each cut-off -------------------------------------------------------------
compare=()
for c in $cutoffs; do
    dir="$work/snapshots-$c"
    mkdir -p "$dir"
    n=0
    while IFS=$'\t' read -r d f; do
        if [[ ! "$d" > "$c" ]]; then cp "$f" "$dir/"; n=$((n + 1)); fi
    done < "$work/dates.tsv"
    echo "peer at $c: $n weekly files" >&2
    (cd "$work" && "$py" "$peers/peer_pipeline.py" --snapshots "$dir" --paths "$peer_paths" \
        --seed "$peer_seed" --forecast-out "$work/peer-$c.csv" > "$work/peer-$c.json" 2> "$work/peer-$c.log") || {
        echo "error: the peer failed at $c (log follows)" >&2
        tail -20 "$work/peer-$c.log" >&2
        exit 1
    }
    rm -rf "$dir"
    compare+=(--compare "$c=$work/peer-$c.csv")
done

# --- Scores -------------------------------------------------------------------------------
args=(backtest "$snapshots" --cutoffs "$(echo $cutoffs | tr ' ' ',')" --paths "$paths" --seed "$seed" --format csv)
[[ -z "${BY_STAGE:-}" ]] || args+=(--by-stage)
[[ -z "$truth" ]] || args+=(--truth "$truth")
echo "kendali backtest at $(echo $cutoffs | tr ' ' ',') (scored against ${truth:-the data})" >&2
"$kendali" "${args[@]}" "${compare[@]}" > "$work/backtest.csv"

# --- The oracle (a simulated world only) ------------------------------------------------
oracle_csv=/dev/null
if [[ -n "${ORACLE_SEED:-}" ]]; then
    nweeks="$(wc -l < "$work/dates.tsv")"
    first="$(head -1 "$work/dates.tsv" | cut -f1)"
    "$kendali" simulate --seed "$ORACLE_SEED" --start "$first" --weeks "$nweeks" --out "$work/world" \
        --oracle-as-of "$(echo $cutoffs | tr ' ' ',')" --oracle-paths "${ORACLE_PATHS:-1000}" > /dev/null
    diff -rq "$work/world/snapshots" "$snapshots" > /dev/null || {
        echo "error: $snapshots is not the world of kendali simulate --seed $ORACLE_SEED" >&2
        exit 1
    }
    oracle=()
    for c in $cutoffs; do oracle+=(--compare "$c=$work/world/oracle-forecast-$c.csv"); done
    echo "oracle forecast of seed $ORACLE_SEED scored at the same cut-offs" >&2
    "$kendali" "${args[@]}" "${oracle[@]}" > "$work/backtest-oracle.csv"
    oracle_csv="$work/backtest-oracle.csv"
fi

awk -F, '
    # Coverage counts a true date on P10 or P90 as half (the column of that name).
    FNR == 1 {
        for (i = 1; i <= NF; i++) col[$i] = i
        covcol = "coverage_p10_p90_half_ends" in col ? "coverage_p10_p90_half_ends" : "coverage_p10_p90"
        next
    }
    FILENAME != last {
        c = $col["cutoff"]
        if ("stage" in col && $col["stage"] != "all") c = c " " $col["stage"]
        if ($col["method"] == "compare") { orc[c] = $col["mae_weeks"]; orccov[c] = $col[covcol] }
        next
    }
    {
        c = $col["cutoff"]; m = $col["method"]
        if ("stage" in col && $col["stage"] != "all") c = c " " $col["stage"]
        if (!(c in seen)) { seen[c] = 1; order[++n] = c }
        mae[c, m] = $col["mae_weeks"]; cov[c, m] = $col[covcol]; scored[c, m] = $col["scored"]
    }
    END {
        printf "%-22s  %7s  %8s  %8s  %10s  %9s  %10s  %10s", "cut-off", "scored", "our MAE", "peer MAE", "ours/peer", "ours/best", "our cover", "peer cover"
        if (length(orc) > 0) printf "  %10s  %11s  %11s  %12s", "oracle MAE", "oracle/peer", "ours/oracle", "oracle cover"
        printf "\n"
        for (k = 1; k <= n; k++) {
            c = order[k]
            best = mae[c, "linear"]; if (mae[c, "earned_schedule"] < best) best = mae[c, "earned_schedule"]
            ratio = mae[c, "compare"] > 0 ? sprintf("%.2f", mae[c, "model"] / mae[c, "compare"]) : "-"
            rb = best > 0 ? sprintf("%.2f", mae[c, "model"] / best) : "-"
            printf "%-22s  %7d  %8.2f  %8.2f  %10s  %9s  %8.1f %%  %8.1f %%", c, scored[c, "model"], mae[c, "model"], mae[c, "compare"], ratio, rb, 100 * cov[c, "model"], 100 * cov[c, "compare"]
            if (c in orc) printf "  %10.2f  %11.2f  %11.2f  %10.1f %%", orc[c], orc[c] / mae[c, "compare"], mae[c, "model"] / orc[c], 100 * orccov[c]
            printf "\n"
        }
    }' last="$work/backtest.csv" "$oracle_csv" "$work/backtest.csv"
