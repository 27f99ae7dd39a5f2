#!/usr/bin/env python3
"""Reads .xlsx files with openpyxl, a second reader beside the package's own, and prints
what it finds as JSON on standard output: per sheet, the frozen cell, whether row 1 is
bold, the column widths, and every row's values (dates as ISO 8601 text, numbers as
numbers, booleans as booleans, empty cells as null).

The Spreadsheet tests run it on the writer's output when python3 and openpyxl are
installed, and compare the JSON with what they wrote:

    python3 read_with_openpyxl.py FILE.xlsx [FILE.xlsx ...]

Exit status 0 when every file opened, 1 when one could not be read, 3 when openpyxl is
not installed.
"""
import datetime
import json
import sys

try:
    import openpyxl
except ImportError:
    print("openpyxl is not installed", file=sys.stderr)
    sys.exit(3)


def plain(value):
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return {"date": value.date().isoformat()}
        return {"date": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    return value


def describe(path):
    workbook = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for sheet in workbook.worksheets:
        rows = [[plain(cell.value) for cell in row] for row in sheet.iter_rows()]
        first = next(iter(sheet.iter_rows(min_row=1, max_row=1)), ())
        widths = {
            letter: dimension.width
            for letter, dimension in sorted(sheet.column_dimensions.items())
        }
        sheets.append({
            "name": sheet.title,
            "frozen": sheet.freeze_panes,
            "boldFirstRow": bool(first) and all(cell.font.b for cell in first if cell.value is not None),
            "widths": widths,
            "rows": rows,
        })
    return {"file": path, "sheets": sheets}


def main(paths):
    results = []
    for path in paths:
        try:
            results.append(describe(path))
        except Exception as error:  # any failure to open is the finding
            print(f"{path}: openpyxl cannot read it: {error}", file=sys.stderr)
            return 1
    json.dump(results, sys.stdout, ensure_ascii=False, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
