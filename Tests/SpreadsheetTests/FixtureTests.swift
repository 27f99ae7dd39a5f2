import Foundation
import Spreadsheet
import Testing

/// The fixtures under `Fixtures/`, written once by `Fixtures/make_fixtures.py` with
/// openpyxl, XlsxWriter and by hand; every cell of every row is checked.
enum Fixtures {
    /// The folder `Fixtures/` beside this file.
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    /// The URL of fixture `name`.
    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// Every row of sheet `sheet` of fixture `name`, as `[row number: [column: value]]`.
    static func cells(_ name: String, sheet: String? = nil) throws -> [Int: [Int: CellValue]] {
        let reader = try WorkbookReader(contentsOf: url(name))
        var result: [Int: [Int: CellValue]] = [:]
        for row in try reader.rows(inSheet: sheet) {
            #expect(result[row.number] == nil, "row \(row.number) twice")
            var cells: [Int: CellValue] = [:]
            for cell in row.cells {
                #expect(!cell.value.isEmpty)
                cells[cell.column] = cell.value
            }
            #expect(row.cells.map(\.column) == row.cells.map(\.column).sorted())
            result[row.number] = cells
        }
        return result
    }
}

private func date(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> CellValue {
    .date(SpreadsheetDateTime(year: y, month: m, day: d, hour: h, minute: mi, second: s))
}

/// The table both writers write on sheet `Data`, columns A–F.
private let commonRows: [Int: [Int: CellValue]] = [
    1: [1: .string("kode"), 2: .string("nama"), 3: .string("tanggal"), 4: .string("omzet"),
        5: .string("aktif"), 6: .string("rasio")],
    2: [1: .string("5201012001"), 2: .string("Koperasi Sukamaju"), 3: date(2026, 11, 27),
        4: .number(3_551_000), 5: .boolean(true), 6: .number(0.25)],
    3: [1: .string("5201012002"), 2: .string("Ünïcödé & <tags> \"quoted\""), 3: date(2024, 2, 29),
        4: .number(-12.5), 5: .boolean(false), 6: .number(1e-07)],
    4: [1: .string("5271031002"), 2: .string("  spaces kept  "), 3: date(1999, 12, 31),
        4: .number(0), 5: .boolean(true), 6: .number(123_456_789.123)],
]

private func merged(_ extra: [Int: [Int: CellValue]]) -> [Int: [Int: CellValue]] {
    var rows = commonRows
    for (row, cells) in extra { rows[row, default: [:]].merge(cells) { _, new in new } }
    return rows
}

@Suite("Workbooks written by openpyxl, XlsxWriter and by hand")
struct FixtureTests {
    @Test("openpyxl: shared strings, dates, a number formatted as text, a second sheet", arguments: [
        ("openpyxl.xlsx", DateSystem.date1900), ("openpyxl-1904.xlsx", DateSystem.date1904),
    ])
    func openpyxl(name: String, system: DateSystem) throws {
        let reader = try WorkbookReader(contentsOf: Fixtures.url(name))
        #expect(reader.sheets.map(\.name) == ["Data", "Lain Sheet"])
        #expect(reader.dateSystem == system)
        let expected = merged([
            1: [8: .string("as text")],
            2: [8: .string("5201012003"), 9: date(2026, 11, 27, 8, 30, 15)],
        ])
        #expect(try Fixtures.cells(name) == expected)
        #expect(try Fixtures.cells(name, sheet: "Data") == expected)
        #expect(try Fixtures.cells(name, sheet: "lain sheet") == [3: [2: .string("second sheet"), 4: .number(42)]])
    }

    @Test("XlsxWriter: formulas' cached values, an error, rich text, the 1900 leap-year bug, a sparse sheet")
    func xlsxwriter() throws {
        let reader = try WorkbookReader(contentsOf: Fixtures.url("xlsxwriter.xlsx"))
        #expect(reader.sheets.map(\.name) == ["Data", "Sparse"])
        #expect(reader.dateSystem == .date1900)
        #expect(try Fixtures.cells("xlsxwriter.xlsx") == merged([
            1: [8: .number(2), 10: date(1900, 2, 28)],
            2: [8: .string("abcd"), 10: date(1900, 2, 29)],
            3: [8: .error("#DIV/0!"), 10: date(1900, 3, 1)],
            4: [8: .string("plain bold tail"), 10: date(1900, 1, 1)],
        ]))
        #expect(try Fixtures.cells("xlsxwriter.xlsx", sheet: "Sparse") == [
            1: [1: .string("first"), 3: .number(3)],
            5: [26: .string("far")],
            1000: [2: .string("last")],
        ])
    }

    @Test("XlsxWriter with 1904 dates")
    func xlsxwriter1904() throws {
        let reader = try WorkbookReader(contentsOf: Fixtures.url("xlsxwriter-1904.xlsx"))
        #expect(reader.dateSystem == .date1904)
        #expect(try Fixtures.cells("xlsxwriter-1904.xlsx") == merged([
            1: [8: .number(2)], 2: [8: .string("abcd")], 3: [8: .error("#DIV/0!")],
            4: [8: .string("plain bold tail")],
        ]))
    }

    @Test("By hand: inline strings, cells without references, prefixes, escapes, every cell type")
    func handmade() throws {
        let reader = try WorkbookReader(contentsOf: Fixtures.url("handmade-inline-1904.xlsx"))
        #expect(reader.sheets.map(\.name) == ["Minggu 48"])
        #expect(reader.dateSystem == .date1904)
        #expect(try Fixtures.cells("handmade-inline-1904.xlsx") == [
            2: [1: .string("shared"), 2: .string("inline"), 3: .string("inline rich"), 6: .string("rich text"),
                7: .string("line\rbreak & _x0041_")],
            3: [1: date(2028, 11, 26), 2: .number(3_551_000), 3: .string("5201012001"), 4: .boolean(false),
                5: .error("#N/A"), 6: .string("ab"), 7: date(2026, 11, 27, 8, 30), 10: .number(1500)],
            9: [16_384: .number(-0.5)],
        ])
    }

    @Test("Rows carry their position; values(count:) fills the gaps")
    func positions() throws {
        let reader = try WorkbookReader(contentsOf: Fixtures.url("xlsxwriter.xlsx"))
        let rows = try reader.rows(inSheet: "Sparse")
        let last = try #require(rows.last)
        #expect(last.number == 1000)
        #expect(last.values(count: 3) == [.empty, .string("last"), .empty])
        #expect(last[2] == .string("last"))
        #expect(last[4] == .empty)
        #expect(last.location(column: 2, file: "x.xlsx").description == "x.xlsx:Sparse!B1000")
        #expect(rows[1].lastColumn == 26)
    }

    @Test("A missing sheet is named with the sheets there are")
    func missingSheet() throws {
        let reader = try WorkbookReader(contentsOf: Fixtures.url("openpyxl.xlsx"))
        let error = try #require(throws: SpreadsheetError.self) { try reader.rows(inSheet: "Minggu 49") }
        #expect(error.description == "openpyxl.xlsx: no sheet named 'Minggu 49'; the workbook has 'Data', 'Lain Sheet'")
    }
}
