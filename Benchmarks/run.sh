#!/usr/bin/env bash
# Builds KendaliBench in release mode (own scratch path) and runs it with one and with two
# OpenBLAS threads. Results: Benchmarks/results/bench-threads-<T>.{json,md}, or the folder
# given as the first argument. Further arguments go to KendaliBench (e.g. --repeats 3).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-Benchmarks/results}"
shift || true
swift build -c release --scratch-path .build-release --product KendaliBench
bin="$(swift build -c release --scratch-path .build-release --show-bin-path)/KendaliBench"
for threads in 1 2; do
    echo "== OPENBLAS_NUM_THREADS=$threads"
    OPENBLAS_NUM_THREADS=$threads "$bin" --out "$out" "$@"
done
