#!/usr/bin/env python3
"""Writes the .xlsx weeks of the snapshot reader's tests, once; the files are committed so
the tests need no office suite and no Python.

Both hold the week of valid.csv, each written the way its writer's users would:
  - valid-openpyxl.xlsx (openpyxl), sheet "Minggu": codes, counts and 0/1 flags as
    numbers, tanggal_laporan as a date-formatted date, empty cells left out.
  - valid-xlsxwriter.xlsx (XlsxWriter), sheet "Data": codes as text, tanggal_laporan as a
    bare serial number (no date format), 0/1 flags as booleans; a second sheet "Salah"
    holds the same week with progres_fisik 120 in the second data row (cell Q3).

Run from this folder:

    pip install openpyxl xlsxwriter
    python3 make_workbooks.py
"""
import csv
import datetime as dt
import os

import openpyxl
import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))
FLAGS = {"badan_hukum", "pengurus_lengkap", "rapat_anggota", "nib", "npwp", "rekening_bank",
         "laporan_tepat_waktu", "kendala_lahan", "kendala_cuaca", "kendala_tenaga_kerja",
         "kendala_teknis"}
NUMBERS = {"kode_koperasi", "jumlah_anggota", "progres_fisik", "unit_usaha_aktif",
           "omzet_bulanan", "anggota_aktif"}
STAMP = dt.datetime(2026, 1, 1, 0, 0, 0)


def number(text):
    value = float(text)
    return int(value) if value.is_integer() else value


with open(os.path.join(HERE, "valid.csv"), newline="", encoding="utf-8") as f:
    table = list(csv.reader(f))
header, rows = table[0], table[1:]


def openpyxl_week(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Minggu"
    ws.append(header)
    for r, row in enumerate(rows, start=2):
        for c, (name, text) in enumerate(zip(header, row), start=1):
            if text == "":
                continue
            if name == "tanggal_laporan":
                cell = ws.cell(row=r, column=c, value=dt.date.fromisoformat(text))
                cell.number_format = "yyyy-mm-dd"
            elif name in NUMBERS or name in FLAGS:
                ws.cell(row=r, column=c, value=number(text))
            else:
                ws.cell(row=r, column=c, value=text)
    wb.properties.created = STAMP
    wb.properties.modified = STAMP
    wb.save(path)


def xlsxwriter_week(path):
    wb = xlsxwriter.Workbook(path)
    wb.set_properties({"created": STAMP})
    for sheet in ("Data", "Salah"):
        ws = wb.add_worksheet(sheet)
        for c, name in enumerate(header):
            ws.write_string(0, c, name)
        for r, row in enumerate(rows, start=1):
            for c, (name, text) in enumerate(zip(header, row)):
                if sheet == "Salah" and r == 2 and name == "progres_fisik":
                    text = "120"
                if text == "":
                    continue
                if name == "tanggal_laporan":
                    serial = (dt.date.fromisoformat(text) - dt.date(1899, 12, 30)).days
                    ws.write_number(r, c, serial)
                elif name in FLAGS:
                    ws.write_boolean(r, c, text == "1")
                elif name in NUMBERS and name != "kode_koperasi":
                    ws.write_number(r, c, number(text))
                else:
                    ws.write_string(r, c, text)
    wb.close()


openpyxl_week(os.path.join(HERE, "valid-openpyxl.xlsx"))
xlsxwriter_week(os.path.join(HERE, "valid-xlsxwriter.xlsx"))
