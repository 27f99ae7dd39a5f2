#!/usr/bin/env bash
# Times reading a national week as a workbook against the same week as CSV, in a release
# build: writes the files with XlsxWriter into a scratch folder, builds SpreadsheetBench,
# and runs it on each file.
#
#   Benchmarks/spreadsheet-read.sh [ROWS] [REPEATS]   (default 80000 rows, 5 repeats;
#                                                      needs python3 + xlsxwriter)
#
# The files:
#   national.csv          a snapshot week of ROWS cooperatives (the bundled dataset's last
#                         week, repeated under other province codes), read with
#                         KendaliData's SnapshotReader
#   national.xlsx         the same table as a workbook with shared strings, as Excel and
#                         XlsxWriter write it by default (codes and names as text, numbers
#                         as numbers, the report date as a date)
#   national-inline.xlsx  the same with inline strings (XlsxWriter's constant_memory mode)
#   week.xlsx             a 12-column table of ROWS rows with inline strings
#
# Each repeat prints the rows read, the wall time and the process's CPU time of that
# repeat (the workbook lines: opening it and streaming every row of its first sheet).
#
# Environment:
#   SPREADSHEET_TIMING_DIR  keep the generated files there (default: a new temporary
#                           folder, removed at the end)
#   SCRATCH                 SwiftPM scratch path of the release build (default .build-release)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-80000}"
repeats="${2:-5}"
scratch="${SCRATCH:-.build-release}"
dir="${SPREADSHEET_TIMING_DIR:-}"
if [ -z "$dir" ]; then
    dir="$(mktemp -d)"
    trap 'rm -rf "$dir"' EXIT
fi
mkdir -p "$dir"
last_week="$(ls datasets/ntb/snapshots/*.csv | tail -1)"
[ -f "$dir/national-inline.xlsx" ] || python3 - "$dir" "$last_week" "$rows" <<'PY'
import csv, datetime, os, random, sys
import xlsxwriter
folder, source, target_rows = sys.argv[1], sys.argv[2], int(sys.argv[3])

# A national week: the bundled province's last week under province codes 11, 12, ...
with open(source, newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    week = [row for row in reader if row]
table = []
province = 11
while len(table) < target_rows:
    for row in week[: target_rows - len(table)]:
        table.append([f"{province:02d}" + row[0][2:]] + row[1:])
    province += 1
with open(os.path.join(folder, "national.csv"), "w", newline="", encoding="utf-8") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(header)
    out.writerows(table)
text_columns = {"kode_koperasi", "nama_koperasi", "desa", "kecamatan", "kabupaten", "tahap", "status_lahan", "catatan"}
def typed(name, value):
    if value == "":
        return None
    if name == "tanggal_laporan":
        return datetime.datetime.strptime(value, "%Y-%m-%d")
    if name in text_columns:
        return value
    try:
        return float(value) if "." in value or "e" in value else int(value)
    except ValueError:
        return value
for file, options in [("national.xlsx", {}), ("national-inline.xlsx", {"constant_memory": True})]:
    book = xlsxwriter.Workbook(os.path.join(folder, file), options)
    sheet = book.add_worksheet("Minggu")
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, header)
    for r, row in enumerate(table, start=1):
        for c, value in enumerate(row):
            v = typed(header[c], value)
            if v is None:
                continue
            if isinstance(v, datetime.datetime):
                sheet.write_datetime(r, c, v, dates)
            elif isinstance(v, str):
                sheet.write_string(r, c, v)
            else:
                sheet.write_number(r, c, v)
    book.close()

# A plain 12-column table with inline strings.
random.seed(7)
head = ["kode_koperasi", "nama_koperasi", "desa", "kecamatan", "kabupaten", "tanggal_laporan",
        "status", "anggota", "omzet_bulanan", "simpanan", "pinjaman", "aktif"]
day = datetime.datetime(2026, 11, 27)
book = xlsxwriter.Workbook(os.path.join(folder, "week.xlsx"), {"constant_memory": True})
sheet = book.add_worksheet("Data")
dates = book.add_format({"num_format": "yyyy-mm-dd"})
sheet.write_row(0, 0, head)
for r in range(1, target_rows + 1):
    i = r - 1
    values = [f"52{i:08d}", f"Koperasi Desa {i % 5000}", f"Desa {i % 7000}", f"Kecamatan {i % 600}",
              f"Kabupaten {i % 40}", day, random.choice(["aktif", "persiapan", "belum"]),
              random.randint(20, 900), random.randint(0, 90_000_000), round(random.uniform(0, 5e7), 2),
              random.randint(0, 10_000_000), random.random() < 0.8]
    for c, value in enumerate(values):
        if isinstance(value, datetime.datetime):
            sheet.write_datetime(r, c, value, dates)
        else:
            sheet.write(r, c, value)
book.close()
PY
ls -l "$dir"
swift build -c release --scratch-path "$scratch" --product SpreadsheetBench 2>&1 | tail -1
bench="$scratch/release/SpreadsheetBench"
"$bench" csv "$dir/national.csv" "$repeats"
"$bench" xlsx "$dir/national.xlsx" "$repeats"
"$bench" xlsx "$dir/national-inline.xlsx" "$repeats"
"$bench" xlsx "$dir/week.xlsx" "$repeats"
