import Foundation
import KendaliData
import Spreadsheet

/// The report's data tables as one Excel workbook, `data/laporan.xlsx`: a sheet a table, in
/// the order of the report.
///
/// Each sheet has two frozen header rows: the column names in the report's language, then
/// the machine names of the table's CSV and JSON (`kode_koperasi`, `p50`, …), so a formula or
/// a program can rely on the second row whatever the language. Counts and numbers are
/// numbers (a percentage is its fraction, as in the CSV), dates are dates, zones and coded
/// values are their labels in the report's language, and a missing value is an empty cell.
/// Only the columns the CSV exports are written.
enum ReportWorkbook {
    /// The workbook's path inside the report folder.
    static let path = "data/laporan.xlsx"

    /// The workbook of `doc`'s tables.
    ///
    /// - Throws: ``SpreadsheetError`` when a table cannot be written (a text longer than a
    ///   cell holds, a table past a sheet's bounds).
    static func data(for doc: ReportDocument) throws -> Data {
        try data(tables: doc.tables, language: doc.language, fileName: "laporan.xlsx")
    }

    /// The workbook of `tables`, a sheet each, with the headers and labels in `language`;
    /// `fileName` is named in errors. Empty data when there is no table.
    ///
    /// - Throws: ``SpreadsheetError`` as ``data(for:)``.
    static func data(tables: [DataTable], language: ReportLanguage, fileName: String) throws -> Data {
        var used = Set<String>()
        let sheets = tables.map { table in
            let exported = table.columns.indices.filter { table.columns[$0].isExported }
            return SpreadsheetTable(
                name: sheetName(table.name, used: &used),
                headerRows: [exported.map { table.columns[$0].header }, exported.map { table.columns[$0].key }],
                rows: table.rows.map { row in
                    exported.map { k in value(k < row.count ? row[k] : .empty, language: language) }
                })
        }
        guard !sheets.isEmpty else { return Data() }
        return try WorkbookWriter.data(sheets, fileName: fileName)
    }

    /// A cell as the workbook holds it.
    static func value(_ cell: Cell, language: ReportLanguage) -> CellValue {
        switch cell {
        case let .text(s): s.isEmpty ? .empty : .string(s)
        case let .integer(n), let .change(n): .number(Double(n))
        case let .number(x, _), let .percent(x, _): x.isFinite ? .number(x) : .empty
        case let .date(d):
            .date(SpreadsheetDateTime(year: d.components.year, month: d.components.month, day: d.components.day))
        case let .zone(z): .string(ReportText(language).zoneName(z))
        case let .coded(code, label): code.isEmpty ? .empty : .string(label)
        case .empty: .empty
        }
    }

    /// A sheet name Excel accepts (at most 31 characters, none of `[]:*?/\`), unique in the
    /// workbook (compared without case, as Excel does).
    static func sheetName(_ name: String, used: inout Set<String>) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
        let base = cleaned.isEmpty ? "tabel" : String(cleaned.prefix(31))
        var candidate = base
        var n = 2
        while used.contains(candidate.lowercased()) {
            let suffix = "_\(n)"
            candidate = String(base.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        used.insert(candidate.lowercased())
        return candidate
    }
}
