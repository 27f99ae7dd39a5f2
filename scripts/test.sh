#!/usr/bin/env bash
# The test command: installs what is missing (headless Chromium among it, for the report's
# print and phone checks), builds, and runs the whole test suite (unit, reference-accuracy,
# end-to-end CLI and notebook checks).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --with-chromium --with-openpyxl
export OPENBLAS_NUM_THREADS=1
# Workbooks written by Kendali are read back by openpyxl too, where it is installed: the
# spreadsheet writer's sample and the workbook of `kendali status --format xlsx --out FILE`
# (SpreadsheetTests and KendaliCLITests); with openpyxl present, a check that cannot run fails.
if python3 -c 'import openpyxl' >/dev/null 2>&1; then export SPREADSHEET_REQUIRE_OPENPYXL=1; fi
swift build --build-tests
swift test --skip-build
