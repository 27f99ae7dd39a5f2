#!/usr/bin/env bash
# Times reading an 80,000-row workbook against the same table as CSV, with the
# Spreadsheet module alone (no ingest, no store): writes both files with XlsxWriter into a
# scratch folder, then runs the timing test that is skipped in ordinary test runs.
#
#   Benchmarks/spreadsheet-read.sh [ROWS]        (default 80000; needs python3 + xlsxwriter)
#
# The Spreadsheet target is compiled with -O in debug builds too, so the debug test build
# times the reader as a release build would; the timing test prints, it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-80000}"
dir="${SPREADSHEET_TIMING_DIR:-}"
if [ -z "$dir" ]; then
    dir="$(mktemp -d)"
    trap 'rm -rf "$dir"' EXIT
fi
[ -f "$dir/week.xlsx" ] || python3 - "$dir" "$rows" <<'PY'
import csv, datetime, os, random, sys
import xlsxwriter
folder, rows = sys.argv[1], int(sys.argv[2])
random.seed(7)
header = ["kode_koperasi", "nama_koperasi", "desa", "kecamatan", "kabupaten", "tanggal_laporan",
          "status", "anggota", "omzet_bulanan", "simpanan", "pinjaman", "aktif"]
week = datetime.date(2026, 11, 27)
table = []
for i in range(rows):
    table.append([f"52{i:08d}", f"Koperasi Desa {i % 5000}", f"Desa {i % 7000}", f"Kecamatan {i % 600}",
                  f"Kabupaten {i % 40}", week, random.choice(["aktif", "persiapan", "belum"]),
                  random.randint(20, 900), random.randint(0, 90_000_000), round(random.uniform(0, 5e7), 2),
                  random.randint(0, 10_000_000), random.random() < 0.8])
book = xlsxwriter.Workbook(os.path.join(folder, "week.xlsx"), {"constant_memory": True})
sheet = book.add_worksheet("Data")
dates = book.add_format({"num_format": "yyyy-mm-dd"})
sheet.write_row(0, 0, header)
for r, row in enumerate(table, start=1):
    for c, value in enumerate(row):
        if isinstance(value, datetime.date):
            sheet.write_datetime(r, c, datetime.datetime.combine(value, datetime.time()), dates)
        else:
            sheet.write(r, c, value)
book.close()
with open(os.path.join(folder, "week.csv"), "w", newline="", encoding="utf-8") as f:
    out = csv.writer(f)
    out.writerow(header)
    for row in table:
        out.writerow([v.isoformat() if isinstance(v, datetime.date) else ("ya" if v is True else "tidak" if v is False else v) for v in row])
PY
ls -l "$dir"
swift build --build-tests
SPREADSHEET_TIMING_XLSX="$dir/week.xlsx" SPREADSHEET_TIMING_CSV="$dir/week.csv" \
    swift test --skip-build --filter "SpreadsheetTests.TimingTests" 2>&1 | grep -E "timing|passed|failed|error"
