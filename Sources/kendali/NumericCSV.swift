import CSV
import Foundation

/// The numeric columns of a CSV file for the generic numeric commands (`kendali fit ols`),
/// read with the `CSV` module's RFC 4180 reader.
///
/// Fields are separated by commas; a field may be quoted with `"` and then hold commas,
/// line breaks and doubled quotes (`""`). Lines end with LF, CRLF or CR; a UTF-8
/// byte-order mark and blank lines are skipped; unquoted fields are trimmed of spaces. The
/// first record is the header. Every problem is reported with the file, the 1-based
/// physical line and the 1-based column number, in the form `FILE:LINE:COLUMN: message`, so
/// that an editor can jump to it.
/// Reference: RFC 4180, "Common Format and MIME Type for CSV Files", §2.
struct NumericCSV {
    /// One data record: its fields and the physical line it starts on.
    struct Record {
        var fields: [String]
        var line: Int
    }

    /// The file name used in messages.
    let file: String
    /// Header names, trimmed of surrounding spaces.
    let header: [String]
    /// The data records, in file order.
    let records: [Record]

    /// Why the file could not be used; `description` is the message for standard error.
    enum Problem: Error, CustomStringConvertible {
        case unreadable(file: String, reason: String)
        case empty(file: String)
        case unterminatedQuote(file: String, line: Int)
        case malformedQuote(file: String, CSVError)
        case fieldCount(file: String, line: Int, expected: Int, actual: Int)
        case missingColumn(file: String, column: String, available: [String])
        case duplicateColumn(file: String, column: String)
        case notANumber(file: String, line: Int, column: Int, name: String, value: String)
        case noDataRows(file: String)

        var description: String {
            switch self {
            case .unreadable(let file, let reason):
                return "\(file): cannot read the file: \(reason)"
            case .empty(let file):
                return "\(file): the file is empty (a header row and data rows are needed)"
            case .unterminatedQuote(let file, let line):
                return "\(file):\(line): a quoted field is not closed before the end of the file"
            case .malformedQuote(let file, let error):
                return "\(file):\(error)"
            case .fieldCount(let file, let line, let expected, let actual):
                return "\(file):\(line): \(actual) fields, but the header has \(expected)"
            case .missingColumn(let file, let column, let available):
                return "\(file): no column '\(column)' (columns: \(available.joined(separator: ", ")))"
            case .duplicateColumn(let file, let column):
                return "\(file): the header names column '\(column)' more than once"
            case .notANumber(let file, let line, let column, let name, let value):
                return "\(file):\(line):\(column): value '\(value)' in column '\(name)': expected a number"
            case .noDataRows(let file):
                return "\(file): the file has a header but no data rows"
            }
        }
    }

    /// Reads and splits `path`.
    ///
    /// - Throws: `Problem` for an unreadable, empty or malformed file.
    static func read(path: String) throws(Problem) -> NumericCSV {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(file: path, reason: "not valid UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Splits CSV text into a header and records, through the `CSV` module's reader.
    ///
    /// - Throws: `Problem` for empty text, malformed quoting or a ragged row.
    static func parse(_ text: String, file: String) throws(Problem) -> NumericCSV {
        let read: [CSVRecord]
        do {
            read = try CSVReader().records(text)
        } catch {
            switch error {
            case let .unterminatedQuote(line, _): throw .unterminatedQuote(file: file, line: line)
            case .textAfterClosingQuote: throw .malformedQuote(file: file, error)
            }
        }
        var all: [Record] = []
        for r in read {
            let fields = zip(r.fields, r.quoted).map { value, quoted in
                quoted ? value : value.trimmingCharacters(in: .whitespaces)
            }
            if fields.count == 1 && fields[0].isEmpty { continue }  // a blank line
            all.append(Record(fields: fields, line: r.line))
        }

        guard let first = all.first else { throw .empty(file: file) }
        let header = first.fields
        var seen = Set<String>()
        for name in header where !name.isEmpty {
            guard seen.insert(name).inserted else { throw .duplicateColumn(file: file, column: name) }
        }
        let records = Array(all.dropFirst())
        for r in records where r.fields.count != header.count {
            throw .fieldCount(file: file, line: r.line, expected: header.count, actual: r.fields.count)
        }
        return NumericCSV(file: file, header: header, records: records)
    }

    /// The 0-based index of column `name`.
    ///
    /// - Throws: `Problem.missingColumn` listing the available columns.
    func index(of name: String) throws(Problem) -> Int {
        guard let j = header.firstIndex(of: name) else {
            throw .missingColumn(file: file, column: name, available: header)
        }
        return j
    }

    /// Column `name` as finite numbers (decimal point `.`, optional exponent).
    ///
    /// - Throws: `Problem.missingColumn`, `.noDataRows`, or `.notANumber` for the first cell
    ///   that is empty, text, NaN or infinite.
    func numbers(_ name: String) throws(Problem) -> [Double] {
        let j = try index(of: name)
        guard !records.isEmpty else { throw .noDataRows(file: file) }
        var out: [Double] = []
        out.reserveCapacity(records.count)
        for r in records {
            let text = r.fields[j]
            guard NumericCSV.looksNumeric(text), let v = Double(text), v.isFinite else {
                throw .notANumber(file: file, line: r.line, column: j + 1, name: name, value: text)
            }
            out.append(v)
        }
        return out
    }

    /// True for plain decimal numbers: sign, digits, one point, optional exponent. Rejects
    /// what `Double(_:)` would also accept but a CSV should not mean: `nan`, `inf`, hex.
    static func looksNumeric(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        return text.unicodeScalars.allSatisfy { c in
            ("0"..."9").contains(c) || c == "." || c == "-" || c == "+" || c == "e" || c == "E"
        }
    }
}
