/// A malformed CSV input, with the place of the fault.
///
/// `line` is the 1-based physical line (LF, CRLF and a lone CR end lines, inside quotes
/// too); `column` the 1-based character column on that line (a UTF-8 sequence counts once).
public enum CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A quoted field opened at `line`:`column` is not closed before the end of the input.
    case unterminatedQuote(line: Int, column: Int)
    /// Text follows the closing quote of a field at `line`:`column`, where a delimiter or
    /// a line end must be.
    case textAfterClosingQuote(line: Int, column: Int)

    /// The line of the fault.
    public var line: Int {
        switch self {
        case let .unterminatedQuote(line, _), let .textAfterClosingQuote(line, _): line
        }
    }

    /// The column of the fault.
    public var column: Int {
        switch self {
        case let .unterminatedQuote(_, column), let .textAfterClosingQuote(_, column): column
        }
    }

    /// What is wrong, without the place.
    public var message: String {
        switch self {
        case .unterminatedQuote:
            "quoted field is not closed"
        case .textAfterClosingQuote:
            "unexpected text after a closing quote; expected a delimiter or the end of the line"
        }
    }

    /// `LINE:COLUMN: what is wrong`.
    public var description: String { "\(line):\(column): \(message)" }
}

/// One record read by ``CSVReader``: its fields as text, with where each starts.
public struct CSVRecord: Sendable, Hashable {
    /// The fields' text: unquoted, doubled quotes undone, not trimmed.
    public var fields: [String]
    /// True for each field that was enclosed in quotes.
    public var quoted: [Bool]
    /// The 1-based character column of each field's first byte (its opening quote when
    /// quoted), on the line the record starts on or, after a quoted line break, the line
    /// the field starts on.
    public var columns: [Int]
    /// The 1-based physical line the record starts on.
    public var line: Int

    /// True for a record that is one unquoted empty field: an empty line.
    public var isEmptyLine: Bool {
        fields.count == 1 && fields[0].isEmpty && !quoted[0]
    }
}

/// Reads a whole CSV text into records, for files small enough to hold as `String`s (the
/// snapshot reader works on ``CSVScanner``'s byte ranges instead).
///
/// RFC 4180: fields separated by the delimiter; a field in double quotes may hold
/// delimiters, line breaks and doubled quotes (`""` for one `"`); records end with LF,
/// CRLF or a lone CR; a UTF-8 byte-order mark at the start is skipped. Every record is
/// returned, empty lines included (a caller decides whether they count), in file order.
/// Malformed quoting is a thrown ``CSVError`` naming the line and column; invalid UTF-8 is
/// repaired with U+FFFD (decide the encoding first with ``TextEncoding/decode(_:asciiBefore:)``,
/// which transcodes Windows-1252 and refuses anything else).
///
/// Reference: RFC 4180, "Common Format and MIME Type for Comma-Separated Values (CSV)
/// Files", §2, <https://www.rfc-editor.org/rfc/rfc4180#section-2>.
public struct CSVReader: Sendable {
    /// The delimiter byte (an ASCII character other than `"`, CR and LF).
    public var delimiter: UInt8

    /// A reader splitting on `delimiter` (`,` by default; ``CSVScanner/semicolon`` for
    /// files written with a decimal comma).
    ///
    /// - Precondition: `delimiter` is ASCII and not `"`, CR or LF.
    public init(delimiter: UInt8 = CSVScanner.comma) {
        precondition(delimiter < 0x80 && delimiter != CSVScanner.quote && delimiter != CSVScanner.lf
                         && delimiter != CSVScanner.cr,
                     "a CSV delimiter is an ASCII byte other than a quote or a line end")
        self.delimiter = delimiter
    }

    /// The records of `text`.
    ///
    /// - Throws: ``CSVError`` for the first malformed quote.
    /// - Complexity: O(length of the text).
    public func records(_ text: String) throws(CSVError) -> [CSVRecord] {
        var text = text
        text.makeContiguousUTF8()
        var result: Result<[CSVRecord], CSVError> = .success([])
        text.utf8.withContiguousStorageIfAvailable { u in
            result = records(UnsafeRawBufferPointer(u))
        }
        return try result.get()
    }

    /// The records of the UTF-8 `bytes`.
    ///
    /// - Throws: ``CSVError`` for the first malformed quote.
    /// - Complexity: O(number of bytes).
    public func records(_ bytes: [UInt8]) throws(CSVError) -> [CSVRecord] {
        try bytes.withUnsafeBytes { raw in records(raw) }.get()
    }

    /// The records of the UTF-8 `bytes` before the first malformed quote, and that fault
    /// (`nil` when there is none): for a caller that checks the records in order and
    /// reports whichever problem comes first in the file.
    ///
    /// - Complexity: O(number of bytes).
    public func recordsBeforeError(_ bytes: [UInt8]) -> (records: [CSVRecord], error: CSVError?) {
        bytes.withUnsafeBytes { raw in read(raw) }
    }

    /// The records of `bytes`, or the first error.
    func records(_ bytes: UnsafeRawBufferPointer) -> Result<[CSVRecord], CSVError> {
        let (records, error) = read(bytes)
        if let error { return .failure(error) }
        return .success(records)
    }

    /// The records of `bytes` before the first malformed quote, and that fault.
    func read(_ bytes: UnsafeRawBufferPointer) -> (records: [CSVRecord], error: CSVError?) {
        let start = CSVScanner.byteOrderMarkLength(bytes)
        var scanner = CSVScanner(bytes: bytes, delimiter: delimiter, position: start)
        var columns = ColumnCounter(bytes: bytes, from: start)
        var fields: [CSVField] = []
        var problems: [CSVProblem] = []
        var out: [CSVRecord] = []
        while let line = scanner.nextRecord(into: &fields, problems: &problems) {
            if let p = problems.first {
                let column = columns.column(at: p.offset)
                switch p.kind {
                case .unterminatedQuote: return (out, .unterminatedQuote(line: p.line, column: column))
                case .textAfterClosingQuote: return (out, .textAfterClosingQuote(line: p.line, column: column))
                }
            }
            out.append(CSVRecord(
                fields: fields.map { $0.text(in: bytes) }, quoted: fields.map(\.quoted),
                columns: fields.map { columns.column(at: $0.fileStart) }, line: line))
        }
        return (out, nil)
    }
}

/// The character column of ascending byte offsets, counted in one forward pass.
struct ColumnCounter {
    let bytes: UnsafeRawBufferPointer
    /// The offset counted up to.
    var offset: Int
    /// The 1-based column of `offset`.
    var column = 1

    init(bytes: UnsafeRawBufferPointer, from start: Int) {
        self.bytes = bytes
        self.offset = start
    }

    /// The 1-based column of `target` (at or after every offset asked before): one more
    /// than the characters (bytes that are not UTF-8 continuation bytes) since the last
    /// line end.
    mutating func column(at target: Int) -> Int {
        while offset < min(target, bytes.count) {
            let b = bytes[offset]
            if b == CSVScanner.lf || (b == CSVScanner.cr && !(offset + 1 < bytes.count && bytes[offset + 1] == CSVScanner.lf)) {
                column = 1
            } else if b == CSVScanner.cr {
                // The CR of a CRLF: the LF resets the column.
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            offset += 1
        }
        return column
    }
}
