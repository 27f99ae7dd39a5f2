#!/usr/bin/env python3
"""Writes the .xlsx fixtures of the Spreadsheet tests, once; the files are committed so
the tests need no office suite and no Python.

Three writers, so the reader is tested on more than one writer's habits:
  - openpyxl (shared strings, styles with named number formats, optional 1904 dates);
  - XlsxWriter (shared strings, rich-text runs, formulas with cached values, errors);
  - a hand-made package written here with zipfile: inline strings, cells without `r`
    attributes, prefixed element names, `_xHHHH_` escapes, phonetic runs, the `d` and
    `str` cell types, a relative/absolute relationship mix, and 1904 dates.

Run from this folder:

    pip install openpyxl xlsxwriter
    python3 make_fixtures.py

The expected values are spelled out in Tests/SpreadsheetTests/FixtureTests.swift.
"""
import datetime as dt
import os
import zipfile

import openpyxl
import xlsxwriter
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))

HEADER = ["kode", "nama", "tanggal", "omzet", "aktif", "rasio"]
ROWS = [
    ["5201012001", "Koperasi Sukamaju", dt.date(2026, 11, 27), 3551000, True, 0.25],
    ["5201012002", "Ünïcödé & <tags> \"quoted\"", dt.date(2024, 2, 29), -12.5, False, 1e-07],
    ["5271031002", "  spaces kept  ", dt.date(1999, 12, 31), 0, True, 123456789.123],
]


def fixed_properties(workbook_properties):
    """Pins the document's timestamps so that re-running gives the same bytes."""
    stamp = dt.datetime(2026, 1, 1, 0, 0, 0)
    workbook_properties.created = stamp
    workbook_properties.modified = stamp


def openpyxl_fixture(name, epoch=None):
    wb = openpyxl.Workbook()
    if epoch is not None:
        wb.epoch = epoch
    fixed_properties(wb.properties)
    ws = wb.active
    ws.title = "Data"
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
        ws.cell(row=ws.max_row, column=3).number_format = "dd/mm/yyyy"
    # A number formatted as text, a date and time, a time of day alone.
    ws["H1"] = "as text"
    ws["H2"] = 5201012003
    ws["H2"].number_format = "@"
    ws["I2"] = dt.datetime(2026, 11, 27, 8, 30, 15)
    ws["I2"].number_format = "yyyy-mm-dd hh:mm:ss"
    other = wb.create_sheet("Lain Sheet")
    other["B3"] = "second sheet"
    other["D3"] = 42
    wb.save(os.path.join(HERE, name))


def xlsxwriter_fixture(name, date_1904=False):
    wb = xlsxwriter.Workbook(os.path.join(HERE, name), {"date_1904": date_1904})
    wb.set_properties({"created": dt.datetime(2026, 1, 1)})
    date_format = wb.add_format({"num_format": "d mmmm yyyy"})
    bold = wb.add_format({"bold": True})
    ws = wb.add_worksheet("Data")
    ws.write_row(0, 0, HEADER, bold)
    for r, row in enumerate(ROWS, start=1):
        ws.write_string(r, 0, row[0])
        ws.write_string(r, 1, row[1])
        ws.write_datetime(r, 2, dt.datetime.combine(row[2], dt.time()), date_format)
        ws.write_number(r, 3, row[3])
        ws.write_boolean(r, 4, row[4])
        ws.write_number(r, 5, row[5])
    # Formulas with cached values, an error value, rich text.
    ws.write_formula("H1", "=1+1", None, 2)
    ws.write_formula("H2", '="ab"&"cd"', None, "abcd")
    ws.write_formula("H3", "=1/0", None, "#DIV/0!")
    ws.write_rich_string("H4", "plain ", bold, "bold", " tail")
    if not date_1904:
        # Serial numbers around the fictional 29 February 1900 of the 1900 date system.
        iso = wb.add_format({"num_format": "yyyy-mm-dd"})
        ws.write_number("J1", 59, iso)
        ws.write_number("J2", 60, iso)
        ws.write_number("J3", 61, iso)
        ws.write_number("J4", 1, iso)
    sparse = wb.add_worksheet("Sparse")
    sparse.write("A1", "first")
    sparse.write("C1", 3)
    sparse.write("Z5", "far")
    sparse.write("B1000", "last")
    sparse.write_blank("D1000", None, bold)  # a styled cell without a value
    wb.close()


HANDMADE_PARTS = {
    "[Content_Types].xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>""",
    "_rels/.rels": """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/>
</Relationships>""",
    "xl/workbook.xml": """<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root element -->
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:workbookPr date1904="1"/>
<x:sheets><x:sheet name="Minggu 48" sheetId="1" r:id="rIdSheet"/></x:sheets>
</x:workbook>""",
    "xl/_rels/workbook.xml.rels": """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdSheet" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="./styles.xml"/>
</Relationships>""",
    "xl/sharedStrings.xml": """<?xml version="1.0" encoding="UTF-8"?>
<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<x:si><x:t>shared</x:t></x:si>
<x:si><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">rich </x:t></x:r><x:r><x:t>text</x:t></x:r><x:rPh sb="0" eb="1"><x:t>PHONETIC</x:t></x:rPh></x:si>
<x:si><x:t>line_x000D_break &amp; _x005F_x0041_</x:t></x:si>
</x:sst>""",
    "xl/styles.xml": """<?xml version="1.0" encoding="UTF-8"?>
<x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:numFmts count="2"><x:numFmt numFmtId="164" formatCode="[$-421]dd\\ mmmm\\ yyyy"/><x:numFmt numFmtId="165" formatCode="[$Rp-421]\\ #,##0"/></x:numFmts>
<x:cellStyleXfs count="1"><x:xf numFmtId="14"/></x:cellStyleXfs>
<x:cellXfs count="4"><x:xf numFmtId="0"/><x:xf numFmtId="164" applyNumberFormat="1"/><x:xf numFmtId="165" applyNumberFormat="1"/><x:xf numFmtId="49"/></x:cellXfs>
</x:styleSheet>""",
    "xl/worksheets/sheet1.xml": """<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:sheetData>
<x:row r="2">
  <x:c t="s"><x:v>0</x:v></x:c>
  <x:c t="inlineStr"><x:is><x:t>inline</x:t></x:is></x:c>
  <x:c t="inlineStr"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t>line rich</x:t></x:r></x:is></x:c>
  <x:c r="F2" t="s"><x:v>1</x:v></x:c>
  <x:c t="s"><x:v>2</x:v></x:c>
</x:row>
<x:row>
  <x:c s="1"><x:v>45621</x:v></x:c>
  <x:c s="2"><x:v>3551000</x:v></x:c>
  <x:c s="3"><x:v>5201012001</x:v></x:c>
  <x:c t="b"><x:v>0</x:v></x:c>
  <x:c t="e"><x:v>#N/A</x:v></x:c>
  <x:c t="str"><x:f>CONCAT("a","b")</x:f><x:v>ab</x:v></x:c>
  <x:c t="d"><x:v>2026-11-27T08:30:00</x:v></x:c>
  <x:c s="1"/>
  <x:c><x:f>1/0</x:f></x:c>
  <x:c><x:v> 1.5E3 </x:v></x:c>
</x:row>
<x:row r="7"><x:c r="B7" s="1"/></x:row>
<x:row r="9"><x:c r="XFD9"><x:v>-0.5</x:v></x:c></x:row>
</x:sheetData>
</x:worksheet>""",
}


def handmade_fixture(name):
    path = os.path.join(HERE, name)
    stamp = (2026, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(path, "w") as archive:
        for part, text in HANDMADE_PARTS.items():
            info = zipfile.ZipInfo(part, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


if __name__ == "__main__":
    openpyxl_fixture("openpyxl.xlsx")
    openpyxl_fixture("openpyxl-1904.xlsx", epoch=CALENDAR_MAC_1904)
    xlsxwriter_fixture("xlsxwriter.xlsx")
    xlsxwriter_fixture("xlsxwriter-1904.xlsx", date_1904=True)
    handmade_fixture("handmade-inline-1904.xlsx")
