/// One field of a CSV record, as byte offsets into the scanned buffer.
public struct CSVField: Sendable, Hashable {
    /// Offset of the first content byte (after the opening quote of a quoted field).
    public var start: Int
    /// Offset one past the last content byte (before the closing quote).
    public var end: Int
    /// 1-based physical line on which the field starts.
    public var line: Int
    /// True when the field was enclosed in double quotes.
    public var quoted: Bool
    /// True when the quoted content holds doubled quotes (`""`) that must be unescaped.
    public var hasEscapedQuote: Bool

    /// A field as given.
    @inlinable
    public init(start: Int, end: Int, line: Int, quoted: Bool, hasEscapedQuote: Bool) {
        self.start = start
        self.end = end
        self.line = line
        self.quoted = quoted
        self.hasEscapedQuote = hasEscapedQuote
    }

    /// Offset of the field's first byte in the file: its opening quote when quoted.
    @inlinable
    public var fileStart: Int { quoted ? start - 1 : start }

    /// The field's text in `bytes` (the buffer it was scanned from), with doubled quotes
    /// undone; invalid UTF-8 is repaired with U+FFFD (callers that must refuse such text
    /// check the encoding first).
    public func text(in bytes: UnsafeRawBufferPointer) -> String {
        CSVScanner.text(bytes, start, end, unescape: hasEscapedQuote)
    }
}

/// A structural problem found while splitting records (RFC 4180 §2, rules 5 to 7).
public struct CSVProblem: Sendable, Hashable {
    /// The kinds of structural problem.
    public enum Kind: Sendable, Hashable {
        /// A quoted field is not closed before the end of the input.
        case unterminatedQuote
        /// A closing quote is followed by text rather than a delimiter or a line end; the
        /// text is dropped.
        case textAfterClosingQuote
    }

    /// What went wrong.
    public var kind: Kind
    /// 1-based physical line where it was found.
    public var line: Int
    /// Byte offset where it was found: the opening quote of an unterminated field, the
    /// first byte after the closing quote otherwise.
    public var offset: Int

    /// A problem as given.
    public init(kind: Kind, line: Int, offset: Int) {
        self.kind = kind
        self.line = line
        self.offset = offset
    }
}

/// A byte-level RFC 4180 record splitter over a borrowed buffer.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; line numbers are
/// counted on every LF, and on every CR not followed by LF, inside quotes too, so that
/// the line of each field is the physical line a text editor shows. Records end at LF,
/// CRLF or a lone CR. The delimiter is chosen by the caller (`,` in RFC 4180; `;` where a
/// decimal comma is used), see ``detectDelimiter(_:start:)``.
///
/// The scanner never allocates per field: fields are byte ranges appended to a reused
/// array. Fast readers may move `position` and `line` themselves past records they have
/// read by other means, and hand the rest to ``nextRecord(into:problems:)``.
///
/// Reference: Y. Shafranovich, "Common Format and MIME Type for Comma-Separated Values
/// (CSV) Files", RFC 4180, 2005, §2, <https://www.rfc-editor.org/rfc/rfc4180#section-2>.
public struct CSVScanner {
    /// The bytes scanned.
    public let bytes: UnsafeRawBufferPointer
    /// The delimiter byte, `,` or `;`.
    public let delimiter: UInt8
    /// Offset of the next byte to read.
    public var position: Int
    /// 1-based physical line of `position`.
    public var line: Int

    // The bytes that structure a file, as constants a client module can fold into its own
    // code.

    /// The double quote, `"`.
    @inlinable public static var quote: UInt8 { 0x22 }
    /// Line feed.
    @inlinable public static var lf: UInt8 { 0x0A }
    /// Carriage return.
    @inlinable public static var cr: UInt8 { 0x0D }
    /// The comma, RFC 4180's delimiter.
    @inlinable public static var comma: UInt8 { 0x2C }
    /// The semicolon, the delimiter of spreadsheets set to a decimal comma.
    @inlinable public static var semicolon: UInt8 { 0x3B }

    /// A scanner starting at `position` (after any byte-order mark), on line 1.
    public init(bytes: UnsafeRawBufferPointer, delimiter: UInt8, position: Int) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.position = position
        self.line = 1
    }

    /// The length of a UTF-8 byte-order mark (EF BB BF) at the start of `bytes`: 3 or 0.
    public static func byteOrderMarkLength(_ bytes: UnsafeRawBufferPointer) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// True when every byte has been consumed.
    @inlinable
    public var atEnd: Bool { position >= bytes.count }

    /// Splits the next record into `fields` (cleared first) and returns the line it starts
    /// on, or `nil` at the end of the input. Structural problems (an unclosed quote, text
    /// after a closing quote) are appended to `problems`; the scanner always makes progress.
    ///
    /// - Complexity: O(length of the record).
    public mutating func nextRecord(into fields: inout [CSVField], problems: inout [CSVProblem]) -> Int? {
        fields.removeAll(keepingCapacity: true)
        let n = bytes.count
        guard position < n else { return nil }
        let recordLine = line
        let delimiter = self.delimiter
        var i = position
        while true {
            // Start of a field at i.
            let fieldLine = line
            if i < n, bytes[i] == CSVScanner.quote {
                // Quoted field.
                var j = i + 1
                var escaped = false
                var closed = false
                var contentEnd = n
                while j < n {
                    let c = bytes[j]
                    if c == CSVScanner.quote {
                        if j + 1 < n, bytes[j + 1] == CSVScanner.quote {
                            escaped = true
                            j += 2
                            continue
                        }
                        contentEnd = j
                        closed = true
                        j += 1
                        break
                    } else if c == CSVScanner.lf {
                        line += 1
                    } else if c == CSVScanner.cr {
                        if !(j + 1 < n && bytes[j + 1] == CSVScanner.lf) { line += 1 }
                    }
                    j += 1
                }
                if !closed {
                    problems.append(CSVProblem(kind: .unterminatedQuote, line: fieldLine, offset: i))
                    fields.append(CSVField(start: i + 1, end: n, line: fieldLine, quoted: true,
                                           hasEscapedQuote: escaped))
                    position = n
                    return recordLine
                }
                // After the closing quote: a delimiter, a line end or the end of input.
                if j < n, bytes[j] != delimiter, bytes[j] != CSVScanner.lf,
                   bytes[j] != CSVScanner.cr {
                    problems.append(CSVProblem(kind: .textAfterClosingQuote, line: line, offset: j))
                    while j < n, bytes[j] != delimiter, bytes[j] != CSVScanner.lf,
                          bytes[j] != CSVScanner.cr {
                        j += 1
                    }
                }
                fields.append(CSVField(start: i + 1, end: contentEnd, line: fieldLine,
                                       quoted: true, hasEscapedQuote: escaped))
                i = j
            } else {
                var j = i
                while j < n {
                    let c = bytes[j]
                    if c == delimiter || c == CSVScanner.lf || c == CSVScanner.cr { break }
                    j += 1
                }
                fields.append(CSVField(start: i, end: j, line: fieldLine, quoted: false,
                                       hasEscapedQuote: false))
                i = j
            }
            // i is at a delimiter, a line end or the end of input.
            if i >= n {
                position = n
                return recordLine
            }
            let c = bytes[i]
            if c == delimiter {
                i += 1
                continue
            }
            // Line end.
            if c == CSVScanner.cr, i + 1 < n, bytes[i + 1] == CSVScanner.lf {
                i += 2
            } else {
                i += 1
            }
            line += 1
            position = i
            return recordLine
        }
    }

    /// The delimiter of a file whose header starts at `start`: `;` when the header line
    /// holds more semicolons than commas outside quotes, `,` otherwise.
    ///
    /// - Complexity: O(length of the header line).
    public static func detectDelimiter(_ bytes: UnsafeRawBufferPointer, start: Int) -> UInt8 {
        var commas = 0
        var semicolons = 0
        var inQuotes = false
        var i = start
        while i < bytes.count {
            let c = bytes[i]
            if c == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if c == lf || c == cr { break }
                if c == comma { commas += 1 } else if c == semicolon { semicolons += 1 }
            }
            i += 1
        }
        return semicolons > commas ? semicolon : comma
    }

    /// The bytes `start..<end` as a String, with doubled quotes undone when `unescape`;
    /// invalid UTF-8 is repaired with U+FFFD.
    ///
    /// - Complexity: O(end − start).
    public static func text(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int,
                            unescape: Bool) -> String {
        guard start < end else { return "" }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        if !unescape { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let c = bytes[i]
            out.append(c)
            if c == quote, i + 1 < end, bytes[i + 1] == quote { i += 2 } else { i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
