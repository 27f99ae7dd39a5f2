import CSV
import Foundation

/// Reads the columns the survival commands (`fit km`, `fit coxph`) need from a CSV file,
/// and formats their output.
///
/// The file is RFC 4180 CSV, read with the `CSV` module's reader: a header row naming the
/// columns, comma separators, optional double quotes around a field (`""` inside quotes is
/// one quote), LF, CRLF or CR line ends, an optional UTF-8 byte-order mark. Only the requested columns are converted, each as it is
/// read, so a bad value is reported with its position: `file:line:column`, the value, and
/// what was expected.
enum SurvivalCSV {
    /// How a requested column is converted.
    enum Kind {
        /// A finite number (`12`, `-0.5`, `1e3`).
        case number
        /// An event indicator: `1`/`0`, `true`/`false` (any case).
        case event
        /// Any text (group or stratum labels).
        case text
    }

    /// One column to read: its header name, the option that named it (for messages) and
    /// its kind.
    struct Request {
        let name: String
        let option: String
        let kind: Kind
    }

    /// The converted columns, each with one value per data row.
    struct Table {
        var numbers: [String: [Double]] = [:]
        var events: [String: [Bool]] = [:]
        var texts: [String: [String]] = [:]
        var rowCount = 0
        /// The file line on which each data row starts (1-based; the header is line 1).
        var lines: [Int] = []

        /// The number column `name` (empty if it was not requested as a number).
        func number(_ name: String) -> [Double] { numbers[name] ?? [] }
        /// The event column `name`.
        func event(_ name: String) -> [Bool] { events[name] ?? [] }
        /// The text column `name`.
        func text(_ name: String) -> [String] { texts[name] ?? [] }
    }

    /// A problem with the input file, already worded for people (`file:line:column: …`).
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Reads `path` and converts the requested columns.
    ///
    /// - Throws: ``Failure`` naming the file, line and column of the first problem: an
    ///   unreadable file, a missing or duplicated column, a row with the wrong number of
    ///   fields, an unclosed quote, a value that is not of the expected kind, no data rows.
    static func read(path: String, requests: [Request]) throws(Failure) -> Table {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Failure(description: "\(path): cannot read the file (\(error.localizedDescription))")
        }
        let (records, csvError) = CSVReader().recordsBeforeError([UInt8](data))
        /// The malformed quote that ended the records, worded with the file's name.
        func malformed(_ error: CSVError) -> Failure {
            switch error {
            case let .unterminatedQuote(line, column):
                Failure(description: "\(path):\(line):\(column): quoted field is not closed")
            case let .textAfterClosingQuote(line, column):
                Failure(description: """
                    \(path):\(line):\(column): unexpected text after a closing quote; \
                    expected a comma or the end of the line
                    """)
            }
        }
        guard let header = records.first else {
            if let csvError { throw malformed(csvError) }
            throw Failure(description: "\(path): the file is empty; expected a header row")
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var columnOf: [String: Int] = [:]
        for (j, name) in names.enumerated() {
            if columnOf[name] != nil, requests.contains(where: { $0.name == name }) {
                throw Failure(description: "\(path):\(header.line): column \(name) appears twice in the header")
            }
            columnOf[name] = columnOf[name] ?? j
        }
        var wanted: [(index: Int, request: Request)] = []
        for request in requests where !wanted.contains(where: { $0.request.name == request.name }) {
            guard let j = columnOf[request.name] else {
                throw Failure(description: """
                    \(path):\(header.line): no column named \(request.name) (given to \(request.option)); \
                    the header has: \(names.joined(separator: ", "))
                    """)
            }
            wanted.append((j, request))
        }

        var table = Table()
        for (_, request) in wanted {
            switch request.kind {
            case .number: table.numbers[request.name] = []
            case .event: table.events[request.name] = []
            case .text: table.texts[request.name] = []
            }
        }
        for record in records.dropFirst() {
            if record.isEmptyLine { continue }
            guard record.fields.count == names.count else {
                throw Failure(description: """
                    \(path):\(record.line): \(record.fields.count) fields, expected \(names.count) \
                    as in the header
                    """)
            }
            for (j, request) in wanted {
                let raw = record.fields[j]
                let value = raw.trimmingCharacters(in: .whitespaces)
                let place = "\(path):\(record.line):\(record.columns[j])"
                switch request.kind {
                case .number:
                    guard let v = Double(value), v.isFinite else {
                        throw Failure(description: """
                            \(place): \(describe(raw)) in column \(request.name) (\(request.option)) \
                            is not a finite number
                            """)
                    }
                    table.numbers[request.name, default: []].append(v)
                case .event:
                    guard let e = eventValue(value) else {
                        throw Failure(description: """
                            \(place): \(describe(raw)) in column \(request.name) (\(request.option)) \
                            is not an event indicator; expected 1 (event) or 0 (censored)
                            """)
                    }
                    table.events[request.name, default: []].append(e)
                case .text:
                    table.texts[request.name, default: []].append(value)
                }
            }
            table.rowCount += 1
            table.lines.append(record.line)
        }
        if let csvError { throw malformed(csvError) }
        guard table.rowCount > 0 else {
            throw Failure(description: "\(path): the file has a header but no data rows")
        }
        return table
    }

    /// `1`, `0`, `true`, `false` (any case; `1.0` and `0.0` too) as a Bool.
    static func eventValue(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true": return true
        case "0", "false": return false
        default:
            guard let v = Double(text) else { return nil }
            return v == 1 ? true : v == 0 ? false : nil
        }
    }

    /// A field value quoted for a message; empty fields are called out.
    static func describe(_ raw: String) -> String {
        raw.isEmpty ? "empty value" : "value '\(raw)'"
    }

    /// A comma-separated list option (`--covariates fin,age`) as trimmed, non-empty,
    /// distinct names.
    static func names(_ list: String, option: String) throws(Failure) -> [String] {
        let parts = list.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else {
            throw Failure(description: "\(option) '\(list)': expected column names separated by commas")
        }
        var seen: Set<String> = []
        for p in parts where !seen.insert(p).inserted {
            throw Failure(description: "\(option): column \(p) is listed twice")
        }
        return parts
    }
}

/// Number and text formatting shared by the survival commands' table, CSV and JSON output.
enum SurvivalOutput {
    /// A number for CSV and JSON: integers without a decimal point, others in the shortest
    /// form that reads back to the same double; `null`-worthy values (NaN, ±∞) as `nil`.
    static func exact(_ v: Double) -> String? {
        guard v.isFinite else { return nil }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return "\(v)"
    }

    /// A JSON number, or `null` for NaN, ±∞ and nil.
    static func json(_ v: Double?) -> String {
        guard let v, let s = exact(v) else { return "null" }
        return s
    }

    /// A JSON string literal (``CSV/JSONText/string(_:)``).
    static func json(_ s: String) -> String { JSONText.string(s) }

    /// A CSV field (``CSV/CSVWriter/field(_:quoting:)``: RFC 4180 quoting and the formula guard).
    static func csv(_ s: String) -> String { CSVWriter.field(s) }

    /// A CSV number: empty for NaN, ±∞ and nil.
    static func csv(_ v: Double?) -> String {
        guard let v else { return "" }
        return exact(v) ?? ""
    }

    /// A number for people: fixed `decimals`, or `-` when missing.
    static func fixed(_ v: Double?, _ decimals: Int) -> String {
        guard let v, v.isFinite else { return "-" }
        return String(format: "%.\(decimals)f", v)
    }

    /// A compact number for people: integers plainly, others with up to 6 significant
    /// digits (`%g`).
    static func compact(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "-" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return String(format: "%.6g", v)
    }

    /// Right-aligned columns under a header, separated by two spaces.
    static func table(header: [String], rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (j, cell) in row.enumerated() where j < widths.count {
                widths[j] = max(widths[j], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { j, cell in
                String(repeating: " ", count: max(0, widths[j] - cell.count)) + cell
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}
