#!/usr/bin/env bash
# Builds the snapshot-reader fuzzer with libFuzzer and AddressSanitizer and runs it.
#
#   Fuzz/run.sh [RUNS] [extra libFuzzer flags…]     (RUNS defaults to 1000000)
#   FUZZ_CONFIG=debug Fuzz/run.sh 20000              (debug build: ~20× slower to run)
#   FUZZ_TARGET=WorkbookReaderFuzz Fuzz/run.sh 20000 (the .xlsx reader; inputs up to 64 KiB)
#
# Release (-O) is the default: the reader runs ~20 times faster than in a debug build,
# which makes a million inputs take minutes rather than an hour. Debug builds work too
# (the entry point SwiftPM renames in debug executables is provided by the target).
#
# The seed corpus is the reader's test fixtures; new inputs go to Fuzz/corpus/ (Fuzz/corpus-workbook/) and
# crashes to Fuzz/artifacts/ (both ignored by git). Needs a Linux Swift toolchain.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${1:-1000000}"
shift || true
config="${FUZZ_CONFIG:-release}"
target="${FUZZ_TARGET:-SnapshotReaderFuzz}"
max_len=4096
corpus="$here/corpus"
if [ "$target" = WorkbookReaderFuzz ]; then
    max_len=65536
    corpus="$here/corpus-workbook"
    # ZIPFoundation 0.9.20's Archive(url:) never frees the path's file-system
    # representation (58 bytes a workbook opened, Archive+BackingConfiguration.swift:48);
    # leak checking would stop every run on it, so it is off for this target.
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
fi

cd "$root"
swift build -c "$config" --package-path Fuzz --scratch-path ".build-fuzz-$config" \
    --product "$target" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library

bin="$root/.build-fuzz-$config/$config/$target"
mkdir -p "$corpus" "$here/artifacts"
start=$(date +%s)
set +e
"$bin" "$corpus" "$root/Tests/KendaliDataTests/Fixtures" \
    -runs="$runs" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$here/artifacts/" -print_final_stats=1 "$@" >"$here/last-run.log" 2>&1
status=$?
set -e
end=$(date +%s)
grep -E '^(#[0-9]+ +(INITED|DONE)|stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs|==[0-9]+==ERROR|SUMMARY|invariant failed)' \
    "$here/last-run.log" || true
crashes=$(find "$here/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'oom-*' -o -name 'timeout-*' \) | wc -l)
echo "fuzz summary: config $config, exit $status, $(( end - start )) s, artifacts: $crashes (full log: Fuzz/last-run.log)"
exit "$status"
