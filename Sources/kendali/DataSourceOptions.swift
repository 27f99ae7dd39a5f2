import ArgumentParser
import CSV
import Foundation
import KendaliData

/// Where an analysis command reads the weekly snapshots from: a folder of CSV files or a
/// history store, exactly one of them, and optionally the week to look at.
///
/// Every analysis command takes these options (`kendali X [FOLDER | --db PATH]
/// [--as-of DATE]`), so a planner can work straight from the files received or from the
/// store kept by `kendali ingest`, with the same results.
struct DataSourceOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "A folder of weekly snapshot files (every *.csv and *.xlsx in it is read and validated).",
        valueName: "folder"))
    var folder: String?

    @Option(help: ArgumentHelp(
        "A history store (SQLite file) written by 'kendali ingest'.", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp(
        "The worksheet read from each .xlsx workbook of the FOLDER (default: the first sheet).",
        valueName: "name"))
    var sheet: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The week to report: the latest week on or before this date, YYYY-MM-DD (default: the latest week).",
        valueName: "date"))
    var asOf: String?

    func validate() throws {
        switch (folder, db) {
        case (nil, nil):
            throw ValidationError("give the data: a FOLDER of weekly CSV files or --db PATH")
        case (.some, .some):
            throw ValidationError("give either a FOLDER or --db PATH, not both")
        default:
            break
        }
        if let asOf, Day(parsing: asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date YYYY-MM-DD")
        }
    }

    /// The `--as-of` day, if given (already validated).
    var asOfDay: Day? { asOf.flatMap { Day(parsing: $0) } }

    /// A short description of the source, for reports.
    var sourceDescription: String {
        if let db { return "store \(db)" }
        return "folder \(folder ?? "")"
    }

    /// Loads the history, up to `--as-of` when given; `digests: false` for a command that
    /// never shows the files' digests (a folder's files are then not hashed).
    ///
    /// - Throws: ``CLIError`` listing every problem (each refused file with all its errors).
    func loadHistory(digests: Bool = true) throws -> SnapshotHistory {
        try reading { () throws(SnapshotHistoryError) in
            if let db {
                return try SnapshotHistory.load(store: db, asOf: asOfDay)
            }
            return try SnapshotHistory.load(folder: folder ?? ".", asOf: asOfDay, sheet: sheet, digests: digests)
        }
    }

    /// Runs `body`, which reads the source; on failure throws a ``CLIError`` listing every
    /// problem (each refused file with all its errors).
    func reading<T>(_ body: () throws(SnapshotHistoryError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            var lines = ["cannot read the data from the \(sourceDescription):", error.description]
            let refused = error.refusedFiles.count
            if refused > 0 {
                lines.append("\(refused) file\(refused == 1 ? "" : "s") refused; nothing was analysed")
            }
            throw CLIError(lines.joined(separator: "\n"))
        }
    }
}

/// Text helpers shared by the data commands' outputs: CSV fields, JSON strings and
/// aligned tables.
enum Tabular {
    /// A CSV field (``CSV/CSVWriter/field(_:quoting:)``: RFC 4180 quoting and the formula guard).
    static func csvField(_ s: String) -> String { CSVWriter.field(s) }

    /// A JSON string literal (``CSV/JSONText/string(_:)``).
    static func jsonString(_ s: String) -> String { JSONText.string(s) }

    /// A JSON number for a finite double (`null` otherwise), in the shortest form that
    /// reads back to the same value.
    static func jsonNumber(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "null" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }

    /// An aligned text table: a header, a rule, the rows; columns in `rightAligned` are
    /// right-aligned (numbers). Widths count characters, not bytes.
    static func table(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var text = cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ")
            // Trailing white space dropped (a character test: no pattern engine per line).
            while let last = text.last, last.isWhitespace { text.removeLast() }
            return text
        }
        var out = line(header) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
