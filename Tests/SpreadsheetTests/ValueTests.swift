import Foundation
@testable import Spreadsheet
import Testing

@Suite("Cell references, dates, number formats and file kinds")
struct ValueTests {
    @Test("A1 notation both ways, at the format's bounds")
    func references() {
        #expect(CellReference("C12") == CellReference(column: 3, row: 12))
        #expect(CellReference("$c$12") == CellReference(column: 3, row: 12))
        #expect(CellReference("XFD1048576") == CellReference(column: 16_384, row: 1_048_576))
        for bad in ["", "A", "12", "1A", "XFE1", "A0", "A1048577", "AAAA1", "A1B", "A-1"] {
            #expect(CellReference(bad) == nil, "\(bad)")
        }
        for column in [1, 26, 27, 52, 53, 702, 703, 16_384] {
            #expect(CellReference.columnNumber(of: CellReference.columnName(column)) == column)
        }
        #expect(CellReference.columnName(28) == "AB")
        #expect(CellReference(column: 26, row: 5).description == "Z5")
        #expect(CellReference.columnNumber(of: "AB12") == 28)
    }

    @Test("The 1900 system, its fictional 29 February included, and the 1904 system")
    func serials() {
        let cases: [(Double, String)] = [
            (0, "1899-12-31"), (1, "1900-01-01"), (59, "1900-02-28"), (60, "1900-02-29"), (61, "1900-03-01"),
            (45_988, "2025-11-27"), (46_353, "2026-11-27"), (46_353.354166666664, "2026-11-27T08:30:00"),
            (2_958_465, "9999-12-31"), (0.999999999, "1900-01-01"),
        ]
        for (serial, text) in cases {
            #expect(DateSystem.date1900.dateTime(fromSerial: serial)?.description == text, "\(serial)")
        }
        #expect(DateSystem.date1900.dateTime(fromSerial: -1) == nil)
        #expect(DateSystem.date1900.dateTime(fromSerial: 2_958_466) == nil)
        #expect(DateSystem.date1900.dateTime(fromSerial: .nan) == nil)
        #expect(DateSystem.date1900.dateTime(fromSerial: 1.2e19) == nil)
        #expect(DateSystem.date1904.dateTime(fromSerial: 1e300) == nil)
        #expect(DateSystem.date1904.dateTime(fromSerial: 0)?.description == "1904-01-01")
        #expect(DateSystem.date1904.dateTime(fromSerial: 44_891)?.description == "2026-11-27")
        // Round trips.
        for serial in [1.0, 59, 60, 61, 366, 46_353, 46_353.5, 2_958_465] {
            let date = DateSystem.date1900.dateTime(fromSerial: serial)
            #expect(date.flatMap { DateSystem.date1900.serial(of: $0) } == serial)
        }
        for serial in [0.0, 1, 44_891, 44_891.25] {
            let date = DateSystem.date1904.dateTime(fromSerial: serial)
            #expect(date.flatMap { DateSystem.date1904.serial(of: $0) } == serial)
        }
        #expect(DateSystem.date1900.serial(of: SpreadsheetDateTime(year: 1899, month: 12, day: 30)) == nil)
    }

    @Test("Which number formats are dates")
    func formats() {
        for id in [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47] {
            #expect(NumberFormatKind.builtIn(id) == .date)
        }
        for id in [0, 1, 2, 3, 4, 9, 10, 11, 37, 44, 48] {
            #expect(NumberFormatKind.builtIn(id) == .number)
        }
        #expect(NumberFormatKind.builtIn(49) == .text)
        let dates = ["yyyy-mm-dd", "dd/mm/yyyy", "d mmmm yyyy", "[$-421]dd\\ mmmm\\ yyyy", "h:mm AM/PM", "[h]:mm:ss",
                     "mm:ss.0", "[Red]dd-mm-yy", "DD/MM/YYYY"]
        for code in dates {
            #expect(NumberFormatKind.ofCode(code) == .date, "\(code)")
        }
        let numbers = ["General", "0.00", "#,##0", "[$Rp-421]\\ #,##0", "0.00E+00", "\"days\" 0", "#,##0;[Red]-#,##0",
                       "_(* #,##0_)", "0%", "\"Rp\"#,##0.00"]
        for code in numbers {
            #expect(NumberFormatKind.ofCode(code) == .number, "\(code)")
        }
        #expect(NumberFormatKind.ofCode("@") == .text)
    }

    @Test("Values as text, the way a CSV would hold them")
    func text() {
        #expect(CellValue.number(5_201_012_001).text == "5201012001")
        #expect(CellValue.number(3_551_000).text == "3551000")
        #expect(CellValue.number(-0.5).text == "-0.5")
        #expect(CellValue.number(0.1).text == "0.1")
        #expect(CellValue.number(1e20).text == "1e+20")
        #expect(CellValue.boolean(true).text == "TRUE")
        #expect(CellValue.empty.text == "")
        #expect(CellValue.date(SpreadsheetDateTime(year: 2026, month: 1, day: 2, hour: 3)).text == "2026-01-02T03:00:00")
    }

    @Test("File kinds from magic bytes and text")
    func kinds() {
        func kind(_ bytes: [UInt8], whole: Bool = true) -> FileKind { FileKind.sniff(bytes, isWholeFile: whole) }
        #expect(kind([]) == .empty)
        #expect(kind([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]) == .oleCompound)
        #expect(kind([0x50, 0x4B, 0x03, 0x04, 0]) == .zip)
        #expect(kind(Array("%PDF-1.4".utf8)) == .pdf)
        #expect(kind([0x1F, 0x8B, 8, 0]) == .binary("gzip"))
        #expect(kind(Array("kode;nama\r\n1;Ünï\n".utf8)) == .utf8Text)
        #expect(kind([0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8)) == .utf8Text)
        #expect(kind(Array("caf".utf8) + [0xE9, 0x20, 0x93, 0x61, 0x94]) == .otherText, "Windows-1252")
        #expect(kind(Array("abc".utf8) + [0xC3], whole: false) == .utf8Text)
        #expect(kind(Array("abc".utf8) + [0xC3], whole: true) == .otherText)
        #expect(kind([0xFF, 0xFE, 0x61, 0x00]) == .utf16Text)
        #expect(kind(Array("abc".utf8) + [0, 1, 2]) == .unknownBinary)
        #expect(kind(Array("  <html><body><table>".utf8)) == .html)
        #expect(kind(Array("<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">".utf8))
            == .spreadsheetML2003)
        #expect(kind([0xED, 0xA0, 0x80]) == .otherText, "a UTF-16 surrogate is not UTF-8")
        #expect(kind([0xC0, 0xAF]) == .otherText, "an overlong form is not UTF-8")
    }

    @Test("The kind of each fixture on disk")
    func fixtureKinds() throws {
        #expect(try FileKind.ofFile(at: Fixtures.url("openpyxl.xlsx")) == .xlsx)
        #expect(try FileKind.ofFile(at: Fixtures.url("make_fixtures.py")) == .utf8Text)
    }

    @Test("Locations as Excel writes sheet names")
    func locations() {
        #expect(SpreadsheetLocation(file: "a.xlsx", sheet: "Data", cell: CellReference(column: 3, row: 12)).description
            == "a.xlsx:Data!C12")
        #expect(SpreadsheetLocation(file: "a.xlsx", sheet: "Minggu 48", cell: CellReference(column: 1, row: 1)).description
            == "a.xlsx:'Minggu 48'!A1")
        #expect(SpreadsheetLocation(file: "a.xlsx", sheet: "O'Brien").description == "a.xlsx:'O''Brien'")
        #expect(SpreadsheetLocation(file: "a.xlsx", part: "xl/styles.xml").description == "a.xlsx (xl/styles.xml)")
    }
}
