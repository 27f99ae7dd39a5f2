#!/usr/bin/env bash
# Kendali and the Python peer (pandas/statsmodels/scipy/lifelines) on the same folder of weekly
# snapshots, in the same session, alternating: per comparable stage both times and the ratio
# peer / Kendali, repeated (default 3), with the median ratio.
#
#   Benchmarks/peer-side-by-side.sh [SNAPSHOTS [REPEATS]]     (default datasets/ntb/snapshots, 3)
#
# The peer is not part of this repository: its folder (with peer_pipeline.py and
# requirements-peers.txt) is PEER_DIR, which must be set. It runs
# in a virtual environment outside the repository, made on first use:
#   python3 -m venv --system-site-packages "$VENV" && "$VENV/bin/pip" install -r "$PEER_DIR/requirements-peers.txt"
#
# Environment:
#   PEER_DIR  the peer's folder (required)
#   VENV      the peer's venv (default ${XDG_CACHE_HOME:-$HOME/.cache}/kendali/venv-peers)
#   SCRATCH   SwiftPM scratch path of the release build (default .build-release)
#   PATHS     Monte Carlo paths per cooperative, the same for both (default 500, Kendali's default)
#   THREADS   OPENBLAS_NUM_THREADS for both (default 2)
#   STAGE_REPEATS  timed repeats of each Kendali stage inside one run, the median kept
#             (default 3: the first stage of a fresh process pays its start — page faults,
#             thread pools — that the peer's load pays during its second of imports)
#   OUT       results folder (default Benchmarks/results/peer-side-by-side)
#   SUMMARY_ONLY=1  only rebuild the table from the runs already in OUT/runs
#
# Writes OUT/runs/{kendali,peer}-<i>.json (and the peer's stderr and /usr/bin/time output),
# OUT/side-by-side.json and OUT/side-by-side.md, and prints the table.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
snapshots="${1:-datasets/ntb/snapshots}"
repeats="${2:-3}"
peer="${PEER_DIR:-}"
venv="${VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/kendali/venv-peers}"
scratch="${SCRATCH:-.build-release}"
paths="${PATHS:-500}"
out="${OUT:-Benchmarks/results/peer-side-by-side}"
export OPENBLAS_NUM_THREADS="${THREADS:-2}"

if [ -z "${SUMMARY_ONLY:-}" ]; then
[ -f "$peer/peer_pipeline.py" ] || { echo "no peer_pipeline.py in $peer (set PEER_DIR)" >&2; exit 2; }
if [ ! -x "$venv/bin/python" ]; then
    echo "== making the peer's venv in $venv" >&2
    python3 -m venv --system-site-packages "$venv"
    "$venv/bin/pip" install -r "$peer/requirements-peers.txt"
fi
swift build -c release --scratch-path "$scratch" --product KendaliBench
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"
timer=()
[ -x /usr/bin/time ] && timer=(/usr/bin/time -v)

mkdir -p "$out/runs"
# Both read the same files from the page cache: one untimed pass first, so the first run's
# reader (Kendali's) does not pay the disk for both.
cat "$snapshots"/*.csv > /dev/null
for i in $(seq 1 "$repeats"); do
    echo "== run $i/$repeats: Kendali" >&2
    "${timer[@]}" "$bin/KendaliBench" pipeline --snapshots "$snapshots" --label "run-$i" --repeats "${STAGE_REPEATS:-3}" \
        --paths "$paths" --json "$out/runs/kendali-$i.json" 2> "$out/runs/kendali-$i.log"
    echo "== run $i/$repeats: peer" >&2
    "${timer[@]}" "$venv/bin/python" "$peer/peer_pipeline.py" --snapshots "$snapshots" --paths "$paths" \
        > "$out/runs/peer-$i.json" 2> "$out/runs/peer-$i.log"
    # The logs are kept for their timings; the command lines (local paths) are not.
    sed -i '/Command being timed/d' "$out/runs/kendali-$i.log" "$out/runs/peer-$i.log"
done
fi

python3 - "$out" "$repeats" "$snapshots" "$paths" <<'PYEOF'
import json, re, statistics, sys
out, repeats, snapshots, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

# Kendali stages ↔ the peer's JSON timings_s keys, and how far they are the same work.
MAP = [
    ("read-csv", ["load"], "comparable",
     "both read every weekly file; Kendali parses and validates all 25 columns of every row, the peer reads 18 columns with pd.read_csv and validates nothing"),
    ("build-panel", ["prep"], "comparable",
     "cooperative × week panel with the green rule per report and first/last/green weeks; the peer's prep also builds lags and the Cox covariates (Kendali builds those untimed)"),
    ("fit-delay-factors", ["ols", "ols_cluster_se"], "same role, different model",
     "progress against the delay flags with cluster-robust SEs: Kendali fits a nonlinear S-curve-rate × factor model by Levenberg–Marquardt (two rounds, with the speeds), the peer a linear OLS"),
    ("fit-s-curves", ["curve_fit"], "same role, different method",
     "per-cooperative S-curves: Kendali's closed-form empirical-Bayes speeds vs one scipy curve_fit per cooperative"),
    ("km", ["km"], "comparable", "Kaplan–Meier of the same durations"),
    ("cox", ["cox"], "comparable", "Cox PH, Efron ties, same durations and covariates (share of reports with each flag)"),
    ("fit-forecast-model+forecast", ["montecarlo"], "same role, different model",
     "Monte Carlo green dates, same paths per cooperative; the peer estimates its chains inside this stage; Kendali adds parameter uncertainty, the stage chains, weather season and admin items"),
]
NOT = [("imports", "peer only: importing statsmodels, scipy.optimize and lifelines"),
       ("import-store", "Kendali only: the SQLite history store"),
       ("load-history", "Kendali only: reading the history back from the store"),
       ("report", "Kendali only: the weekly report (HTML, Markdown, SVG, data)"),
       ("rank", "Kendali only: the counterfactual forecasts of every yellow and red cooperative (priority ranking)")]

def kendali_time(run, name):
    parts = name.split("+")
    vals = [next((s.get("medianSeconds") for s in run["stages"] if s["name"] == p), None) for p in parts]
    return None if any(v is None for v in vals) else sum(vals)

def peer_time(run, keys):
    t = run["timings_s"]
    vals = [t.get(k) for k in keys]
    return None if any(v is None for v in vals) else sum(vals)

def timed(log):
    """Wall seconds and peak RSS MiB from /usr/bin/time -v output, if present."""
    try:
        text = open(log, encoding="utf-8", errors="replace").read()
    except OSError:
        return None, None
    wall = rss = None
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", text)
    if m:
        wall = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        rss = int(m.group(1)) / 1024
    return wall, rss

rows = []
for name, keys, kind, why in MAP:
    ks, ps, ratios = [], [], []
    for i in range(1, repeats + 1):
        k = kendali_time(json.load(open(f"{out}/runs/kendali-{i}.json")), name)
        p = peer_time(json.loads(open(f"{out}/runs/peer-{i}.json").read().strip().splitlines()[-1]), keys)
        if k is not None and p is not None:
            ks.append(k); ps.append(p); ratios.append(p / k if k > 0 else float("inf"))
    rows.append({"kendali_stage": name, "peer_stages": keys, "comparability": kind, "note": why,
                 "kendali_seconds": ks, "peer_seconds": ps, "ratios": ratios,
                 "median_ratio": statistics.median(ratios) if ratios else None})

sums = {"kendali": [], "peer": [], "ratio": []}
procs = {"kendali_wall": [], "kendali_rss": [], "peer_wall": [], "peer_rss": []}
for i in range(1, repeats + 1):
    k = sum(r["kendali_seconds"][i - 1] for r in rows if len(r["kendali_seconds"]) >= i)
    p = sum(r["peer_seconds"][i - 1] for r in rows if len(r["peer_seconds"]) >= i)
    sums["kendali"].append(k); sums["peer"].append(p); sums["ratio"].append(p / k)
    for who in ("kendali", "peer"):
        w, m = timed(f"{out}/runs/{who}-{i}.log")
        procs[who + "_wall"].append(w); procs[who + "_rss"].append(m)

krun = json.load(open(f"{out}/runs/kendali-1.json"))
prun = json.loads(open(f"{out}/runs/peer-1.json").read().strip().splitlines()[-1])
env = krun["environment"]
krep = max((st.get("repeats", 1) for st in krun["stages"]), default=1)
med = lambda xs: statistics.median(xs) if xs and None not in xs else None
fmt = lambda x: "–" if x is None else (f"{x:.4f}" if x < 0.01 else f"{x:.3f}" if x < 10 else f"{x:.1f}")
lines = [
    "# Kendali and the Python peer, side by side", "",
    f"- data: `{snapshots}`, {krun['cooperatives']:,} cooperatives × {krun['weeks']} weeks, {krun['reports']:,} rows",
    f"- {repeats} alternating runs of each in the same session; Monte Carlo paths per cooperative: {paths} for both",
    f"- Kendali's stage times are the median of {krep} repeats inside each run (its first stage starts a cold process; the peer's load comes after its imports)",
    f"- Kendali: release build, `{env['lapackLibrary']}`, OpenBLAS {env.get('openBLASCore') or '-'}, BLAS threads {env.get('blasThreads')}",
    f"- peer: {prun.get('env', {}).get('python', 'python')} " + ", ".join(f"{k} {v}" for k, v in prun.get("env", {}).items() if k in ("numpy", "pandas", "scipy", "statsmodels", "lifelines")),
    "- peer BLAS (threadpoolctl): " + ("; ".join(f"{b.get('prefix')} {b.get('version')} ({b.get('architecture')}), threads {b.get('num_threads')}"
                                                for b in prun.get("env", {}).get("blas", []) if isinstance(b, dict)) or "unknown"),
    f"- OPENBLAS_NUM_THREADS={env.get('openblasNumThreadsVariable')}; date {env['date']}",
    "- seconds are medians over the runs; ratio = peer / Kendali per run, then the median", "",
    "| Kendali stage | peer stage | Kendali s | peer s | ratio (median) | ratios per run | comparability |",
    "|---|---|---:|---:|---:|---|---|",
]
for r in rows:
    lines.append(f"| {r['kendali_stage']} | {' + '.join(r['peer_stages'])} | {fmt(med(r['kendali_seconds']))} | "
                 f"{fmt(med(r['peer_seconds']))} | {fmt(r['median_ratio'])} | "
                 f"{', '.join(f'{x:.1f}' for x in r['ratios'])} | {r['comparability']} |")
lines.append(f"| **sum of the rows above** | | **{fmt(med(sums['kendali']))}** | **{fmt(med(sums['peer']))}** | "
             f"**{fmt(med(sums['ratio']))}** | {', '.join(f'{x:.1f}' for x in sums['ratio'])} | |")
lines += ["", "Whole processes (`/usr/bin/time -v`; not the same work: Kendali's run also imports into a store, "
          f"reads it back, ranks and writes the report, every stage {krep} times; the peer's includes the Python start and imports):", "",
          "| | Kendali | peer |", "|---|---:|---:|",
          f"| process wall s (median) | {fmt(med(procs['kendali_wall']))} | {fmt(med(procs['peer_wall']))} |",
          f"| peak RSS MiB (median) | {fmt(med(procs['kendali_rss']))} | {fmt(med(procs['peer_rss']))} |", "",
          "What each pair measures:", ""]
lines += [f"- `{r['kendali_stage']}` ↔ `{' + '.join(r['peer_stages'])}`: {r['note']}." for r in rows]
lines += ["", "Not compared:", ""] + [f"- `{n}`: {why}." for n, why in NOT]
text = "\n".join(lines) + "\n"
open(f"{out}/side-by-side.md", "w").write(text)
json.dump({"snapshots": snapshots, "repeats": repeats, "paths": int(paths), "stages": rows, "sum": sums,
           "processes": procs, "kendali_environment": env, "peer_environment": prun.get("env")},
          open(f"{out}/side-by-side.json", "w"), indent=2)
print(text, end="")
PYEOF
