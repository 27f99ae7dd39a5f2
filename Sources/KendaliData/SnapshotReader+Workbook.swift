import CSV
import Foundation
import Spreadsheet

/// Weekly snapshots given as Office Open XML workbooks (`.xlsx`), and files that are
/// neither CSV text nor such a workbook.
///
/// A workbook's sheet is turned into the CSV text a "Save as CSV" of it would give (each
/// cell as ``Spreadsheet/CellValue/text``: codes as digits, dates as `YYYY-MM-DD`,
/// booleans as `TRUE`/`FALSE`) and that text goes through the CSV reader, so a workbook
/// is accepted and refused exactly as the same table in CSV, with the same kinds of
/// issue. Only the places change: every issue of a row names the sheet and cell
/// (`file.xlsx:Sheet!C12`), its `line` being the sheet's row number.
extension SnapshotReader {
    /// Reads a workbook held in `bytes` (the whole file), sheet `sheet` or the first.
    ///
    /// The rows are all read before any is converted: a fault further down the sheet
    /// refuses the whole file.
    /// - Throws: `SnapshotFileError` with every error of the sheet, or one issue naming
    ///   why the workbook itself can't be read (damaged, past the limits, no such sheet).
    static func readWorkbook(bytes: UnsafeRawBufferPointer, fileName name: String, sheet: String?)
        throws(SnapshotFileError) -> SnapshotFile
    {
        var table: WorkbookTable
        do {
            let reader = try WorkbookReader(data: Data(bytes), fileName: name)
            var building = WorkbookTable(dateSystem: reader.dateSystem)
            // Each row is turned into CSV text as it comes; nothing is stored before the
            // whole sheet has been read and checked.
            try reader.forEachRow(inSheet: sheet) { building.add($0) }
            table = building
        } catch let error as SpreadsheetError {
            throw SnapshotFileError(fileName: name, issues: [workbookIssue(error, fileName: name)])
        } catch {
            throw SnapshotFileError(fileName: name, issues: [
                SnapshotIssue(.unreadableFile, file: name, line: nil,
                              expected: "a readable workbook (\(error))"),
            ])
        }
        let digest = SnapshotDigest.sha256Hex(bytes)
        let result = table.csv.withUnsafeBytes {
            var parser = SnapshotParser(bytes: $0, fileName: name, overlapDigest: false)
            return parser.run()
        }
        switch result {
        case var .success(file):
            file.warnings = file.warnings.map { table.locate($0) }
            file.recordLines = file.recordLines.map { table.row(ofLine: $0) ?? $0 }
            file.workbookPlace = table.place
            file.contentDigest = digest
            file.byteCount = bytes.count
            return file
        case let .failure(error):
            throw SnapshotFileError(fileName: error.fileName, issues: error.issues.map { table.locate($0) },
                                    omitted: error.omitted)
        }
    }

    /// The one issue of a workbook that can't be read at all.
    private static func workbookIssue(_ error: SpreadsheetError, fileName: String) -> SnapshotIssue {
        if case let .notAWorkbook(kind) = error.kind {
            return notATableIssue(kind, fileName: fileName)
        }
        var issue = SnapshotIssue(.unreadableFile, file: fileName, line: error.location.cell?.row,
                                  expected: "a readable workbook (\(error.message))")
        if let sheet = error.location.sheet {
            issue.cell = SpreadsheetLocation.quotedSheetName(sheet)
                + (error.location.cell.map { "!" + $0.description } ?? "")
        }
        return issue
    }

    /// The issue of a file that is neither CSV text nor an `.xlsx` workbook: what it is and
    /// what to save it as (``Spreadsheet/FileKind/summary``).
    static func notATableIssue(_ kind: FileKind, fileName: String) -> SnapshotIssue {
        SnapshotIssue(.notATable, file: fileName, line: nil, expected: kind.summary)
    }

    /// What the first bytes of a file say it is, when they say it is no CSV text: `nil` for
    /// text (and an empty file), which the CSV reader reads; ``Spreadsheet/FileKind/xlsx``
    /// for a zip archive (the workbook reader tells a real workbook apart).
    static func binaryKind(of bytes: UnsafeRawBufferPointer) -> FileKind? {
        let prefix = UnsafeRawBufferPointer(rebasing: bytes.prefix(8192))
        let kind = FileKind.sniff(prefix, isWholeFile: prefix.count == bytes.count)
        switch kind {
        case .empty, .utf8Text, .utf16Text, .otherText: return nil
        case .zip: return .xlsx
        default: return kind
        }
    }
}

/// A worksheet's rows as CSV text, with the way back from the text's lines and columns to
/// the sheet's rows and cells.
struct WorkbookTable {
    /// The CSV text: the header row, then one line per row with a value.
    private(set) var csv: [UInt8] = []
    /// The sheet's name.
    private(set) var sheet = ""
    /// The sheet's row number of each physical line of `csv` (index 0 is line 1).
    private var lineRows: [Int] = []
    /// The 1-based sheet column of each header name (lower-cased, trimmed), the first
    /// when a name is given twice.
    private var columns: [String: Int] = [:]
    /// The header's last column with a value (0 before the header is read).
    private var width = 0
    /// The column of `tanggal_laporan`, 0 when absent.
    private var dateColumn = 0
    /// The date system of the workbook, for serial numbers in the `tanggal_laporan` column.
    private let dateSystem: DateSystem

    /// An empty table; numbers in the `tanggal_laporan` column are read as serial dates of
    /// `dateSystem`.
    init(dateSystem: DateSystem) {
        self.dateSystem = dateSystem
    }

    /// Adds the next row as a reader yields it; the first is the header.
    mutating func add(_ row: SheetRow) {
        if lineRows.isEmpty {
            sheet = row.sheet
            width = row.lastColumn
            for cell in row.cells {
                let name = cell.value.text.trimmingCharacters(in: .whitespaces).lowercased()
                if columns[name] == nil { columns[name] = cell.column }
                if name == "tanggal_laporan" { dateColumn = cell.column }
            }
        }
        let isHeader = lineRows.isEmpty
        let count = max(width, row.lastColumn)
        var next = 0
        for column in 1...max(count, 1) {
            if column > 1 { csv.append(0x2C) }
            guard next < row.cells.count, row.cells[next].column == column else { continue }
            let value = row.cells[next].value
            next += 1
            switch value {
            case let .string(text):
                append(text: text, row: row.number)
            case let .number(number):
                if column == dateColumn, !isHeader, let date = dateSystem.dateTime(fromSerial: number),
                   date.isMidnight {
                    csv.append(contentsOf: date.description.utf8)
                } else if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
                    appendInteger(Int64(number))
                } else {
                    append(text: value.text, row: row.number)
                }
            case let .boolean(flag):
                csv.append(contentsOf: (flag ? "TRUE" : "FALSE").utf8)
            default:
                append(text: value.text, row: row.number)
            }
        }
        csv.append(0x0A)
        lineRows.append(row.number)
    }

    /// Appends the decimal digits of `value`.
    private mutating func appendInteger(_ value: Int64) {
        if value < 0 { csv.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(truncatingIfNeeded: 0x30 + magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for k in stride(from: count - 1, through: 0, by: -1) { csv.append(buffer[k]) }
        }
    }

    /// Appends one field, quoted when it holds a delimiter, a quote or a line end (each
    /// line end in it starts a physical line that belongs to `row`).
    private mutating func append(text: String, row: Int) {
        var text = text
        text.withUTF8 { utf8 in
            var needsQuotes = false
            for byte in utf8 where byte == 0x2C || byte == 0x3B || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
            guard needsQuotes else {
                csv.append(contentsOf: utf8)
                return
            }
            // A lone CR ends a line for the CSV reader as LF does: CRLF and CR are both
            // written as LF, so that each line end is counted once.
            csv.append(0x22)
            for i in utf8.indices {
                let byte = utf8[i]
                if byte == 0x0D, i + 1 < utf8.count, utf8[i + 1] == 0x0A { continue }
                let out: UInt8 = byte == 0x0D ? 0x0A : byte
                if out == 0x22 { csv.append(0x22) }
                if out == 0x0A { lineRows.append(row) }
                csv.append(out)
            }
            csv.append(0x22)
        }
    }

    /// The sheet's row number of physical line `line` of the CSV text.
    func row(ofLine line: Int) -> Int? {
        line >= 1 && line <= lineRows.count ? lineRows[line - 1] : nil
    }

    /// The sheet and its header's columns, to place issues found later.
    var place: WorkbookPlace { WorkbookPlace(sheet: sheet, columns: columns) }

    /// `issue` placed in the sheet: its line (of the CSV text) becomes the row number, and
    /// its cell the column's (`WorkbookPlace/locate(_:)`).
    func locate(_ issue: SnapshotIssue) -> SnapshotIssue {
        guard let line = issue.line, let row = row(ofLine: line) else { return issue }
        var located = issue
        located.line = row
        return place.locate(located)
    }
}

/// Where a workbook week's rows are: the sheet, and the column of each header name; used
/// to name the cell of an issue found after reading (the checks against last week).
struct WorkbookPlace: Sendable {
    /// The sheet's name.
    var sheet: String
    /// The 1-based column of each header name (lower-cased, trimmed).
    var columns: [String: Int]

    /// `issue`, whose `line` is a row number of the sheet, with its cell set: the column's
    /// (`Sheet!C12`), or the whole row (`Sheet!12:12`) when no known column is named.
    /// An issue without a line is returned as it is.
    func locate(_ issue: SnapshotIssue) -> SnapshotIssue {
        guard let row = issue.line, issue.cell == nil else { return issue }
        var located = issue
        let sheetName = SpreadsheetLocation.quotedSheetName(sheet)
        if let name = issue.column?.lowercased(), let column = columns[name] {
            located.cell = sheetName + "!" + CellReference(column: column, row: row).description
        } else {
            located.cell = sheetName + "!\(row):\(row)"
        }
        return located
    }
}
