#!/usr/bin/env bash
# The test command: installs what is missing (headless Chromium among it, for the report's
# print and phone checks), builds, and runs the whole test suite (unit, reference-accuracy,
# end-to-end CLI and notebook checks).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --with-chromium
export OPENBLAS_NUM_THREADS=1
swift build --build-tests
swift test --skip-build
