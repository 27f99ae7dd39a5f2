import ArgumentParser
import Foundation
import Reports

/// The output formats of a command that can also write an Excel workbook.
enum TableOutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, csv, json, xlsx

    /// The text format printed on standard output; a workbook prints a table's summary line
    /// only, so it maps to `.table`.
    var textFormat: OutputFormat {
        switch self {
        case .table, .xlsx: .table
        case .csv: .csv
        case .json: .json
        }
    }
}

/// `--format table|csv|json|xlsx` and `--out FILE`, for the commands whose result is one
/// table that a planner may want in Excel (`rank`, `forecast`, `status`).
///
/// `--format xlsx` needs `--out`, and `--out` is only for `--format xlsx`: both checked
/// before any work. The command builds its rows as a ``Reports/DataTable`` (machine names
/// as in its CSV, headers in the chosen language) and hands it to ``write(_:language:)``.
struct TableOutputOptions: ParsableArguments {
    @Option(help: "Output format: table, csv, json, or xlsx (an Excel workbook, with --out FILE).")
    var format: TableOutputFormat = .table

    @Option(help: ArgumentHelp("With --format xlsx: the workbook to write (its folders are created).", valueName: "file.xlsx"))
    var out: String?

    func validate() throws {
        if format == .xlsx, out == nil {
            throw ValidationError("--format xlsx needs --out FILE, the workbook to write")
        }
        if format != .xlsx, let out {
            throw ValidationError("--out \(out) is for --format xlsx; table, csv and json are printed on standard output")
        }
    }

    /// The workbook's path when one is asked for.
    var workbookPath: String? { format == .xlsx ? out : nil }

    /// The format printed on standard output (see ``TableOutputFormat/textFormat``).
    var textFormat: OutputFormat { format.textFormat }

    /// Makes the workbook's folder ready, or refuses the path, before the command works.
    ///
    /// - Throws: ``CLIError`` when the path is a folder or its folder cannot be written.
    func prepare() throws {
        if let path = workbookPath { try OutputPaths.prepareFile(path, for: "--out") }
    }

    /// Writes `tables` as the workbook of `--out` (a sheet each) and returns the line to
    /// print: where it went and how many rows.
    ///
    /// - Throws: ``CLIError`` when the workbook cannot be built or written.
    func write(_ tables: [DataTable], language: ReportLanguage) throws -> String {
        guard let path = workbookPath else { return "" }
        try XLSXOutput.write(tables, to: path, language: language)
        let rows = tables.reduce(0) { $0 + $1.rows.count }
        return ReportText(language)(.workbookWritten, path, ReportFormatter(language).integer(rows)) + "\n"
    }
}

/// Writes a command's tables as an `.xlsx` workbook with the report's conventions
/// (``Reports/DataTable/workbook(_:language:fileName:)``).
enum XLSXOutput {
    /// Writes `tables` to `path` in one step (a temporary file moved into place).
    ///
    /// - Throws: ``CLIError`` naming the file when the workbook cannot be built or written.
    static func write(_ tables: [DataTable], to path: String, language: ReportLanguage) throws {
        let url = URL(fileURLWithPath: path)
        do {
            let data = try DataTable.workbook(tables, language: language, fileName: url.lastPathComponent)
            try data.write(to: url, options: .atomic)
        } catch {
            throw CLIError("--out \(path): cannot write the workbook (\(error))")
        }
    }
}
