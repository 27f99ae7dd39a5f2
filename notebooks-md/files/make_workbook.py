#!/usr/bin/env python3
"""Writes notebooks-md/files/mataram_2026-12-04.xlsx, the workbook of notebook 01, once; it is
committed so the notebook needs no Python.

Kota Mataram's reports of the bundled week 2026-11-27 (datasets/ntb/snapshots), dated a week
later, as a kabupaten office keeps them in Excel: codes and counts as numbers, the date as a
date, flags as 0/1, empty cells left empty. Written with openpyxl (another writer than
Kendali's own), on a sheet named "Minggu".

    python3 notebooks-md/files/make_workbook.py
"""
import csv
import datetime
import os

import openpyxl

root = os.path.join(os.path.dirname(__file__), "..", "..")
source = os.path.join(root, "datasets", "ntb", "snapshots", "2026-11-27.csv")
target = os.path.join(os.path.dirname(__file__), "mataram_2026-12-04.xlsx")
text = {"nama_koperasi", "desa", "kecamatan", "kabupaten", "tahap", "status_lahan", "catatan"}

with open(source, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, body = rows[0], [r for r in rows[1:] if r and r[0].startswith("5271")]

book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Minggu"
sheet.append(header)
for row in body:
    values = []
    for name, value in zip(header, row):
        if value == "":
            values.append(None)
        elif name == "tanggal_laporan":
            values.append(datetime.datetime(2026, 12, 4))
        elif name in text:
            values.append(value)
        else:
            number = float(value)
            values.append(int(number) if number.is_integer() else number)
    sheet.append(values)
for cell in sheet["F"][1:]:
    cell.number_format = "yyyy-mm-dd"
# A fixed creation time, so that the file is the same bytes each time it is written.
book.properties.created = book.properties.modified = datetime.datetime(2026, 12, 4, 8, 0, 0)
book.save(target)
print(target, len(body), "rows")
