#!/usr/bin/env bash
# Builds KendaliBench in release mode (own scratch path) and runs it with one and with two
# OpenBLAS threads. Results: Benchmarks/results/bench-threads-<T>.{json,md}, or the folder
# given as the first argument. Further arguments go to KendaliBench (e.g. --repeats 3).
# SCRATCH overrides the SwiftPM scratch path (default .build-release).
#
# The whole pipeline by stage at province, 10-province and national size, and its scaling:
# Benchmarks/national-scale.sh. Kendali beside the Python peer: Benchmarks/peer-side-by-side.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-Benchmarks/results}"
shift || true
scratch="${SCRATCH:-.build-release}"
swift build -c release --scratch-path "$scratch" --product KendaliBench
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/KendaliBench"
for threads in 1 2; do
    echo "== OPENBLAS_NUM_THREADS=$threads"
    OPENBLAS_NUM_THREADS=$threads "$bin" --out "$out" "$@"
done
