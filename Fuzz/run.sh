#!/usr/bin/env bash
# Builds the snapshot-reader fuzzer with libFuzzer and AddressSanitizer and runs it.
#
#   Fuzz/run.sh [RUNS] [extra libFuzzer flags…]     (RUNS defaults to 1000000)
#
# The seed corpus is the reader's test fixtures; new inputs go to Fuzz/corpus/ (ignored
# by git), crashes to Fuzz/artifacts/. Run from anywhere; needs a Linux Swift toolchain.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${1:-1000000}"
shift || true

cd "$root"
swift build -c debug --package-path Fuzz --scratch-path .build-fuzz \
    --product SnapshotReaderFuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library

bin="$root/.build-fuzz/debug/SnapshotReaderFuzz"
mkdir -p "$here/corpus" "$here/artifacts"
start=$(date +%s)
set +e
"$bin" "$here/corpus" "$root/Tests/KendaliDataTests/Fixtures" \
    -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$here/artifacts/" -print_final_stats=1 "$@" 2>&1 | tee "$here/last-run.log" \
    | grep -E '^(#[0-9]+ +(INITED|DONE)|stat::|Done|==[0-9]+==ERROR|SUMMARY|invariant failed)'
status=${PIPESTATUS[0]}
set -e
end=$(date +%s)
crashes=$(find "$here/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'oom-*' -o -name 'timeout-*' \) | wc -l)
echo "fuzz summary: exit $status, $(( end - start )) s, artifacts: $crashes (log: Fuzz/last-run.log)"
exit "$status"
