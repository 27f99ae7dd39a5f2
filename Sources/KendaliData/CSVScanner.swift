/// One field of a CSV record, as byte offsets into the scanned buffer.
struct CSVField {
    /// Offset of the first content byte (after the opening quote of a quoted field).
    var start: Int
    /// Offset one past the last content byte (before the closing quote).
    var end: Int
    /// 1-based physical line on which the field starts.
    var line: Int
    /// True when the field was enclosed in double quotes.
    var quoted: Bool
    /// True when the quoted content holds doubled quotes (`""`) that must be unescaped.
    var hasEscapedQuote: Bool
}

/// A structural problem found while splitting records.
struct CSVProblem {
    /// What went wrong.
    var kind: SnapshotIssue.Kind
    /// 1-based physical line where it was found.
    var line: Int
}

/// A byte-level RFC 4180 record splitter over a borrowed buffer.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; line numbers are
/// counted on every LF, and on every CR not followed by LF, inside quotes too, so that
/// the line of each field is the physical line a text editor shows. Records end at LF,
/// CRLF or a lone CR.
///
/// The scanner never allocates per field: fields are byte ranges appended to a reused
/// array.
struct CSVScanner {
    /// The bytes scanned.
    let bytes: UnsafeRawBufferPointer
    /// `,` or `;`.
    let delimiter: UInt8
    /// Offset of the next byte to read.
    var position: Int
    /// 1-based physical line of `position`.
    var line: Int

    static let quote: UInt8 = 0x22
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D

    /// A scanner starting at `position` (after any byte-order mark), on line 1.
    init(bytes: UnsafeRawBufferPointer, delimiter: UInt8, position: Int) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.position = position
        self.line = 1
    }

    /// True when every byte has been consumed.
    var atEnd: Bool { position >= bytes.count }

    /// Splits the next record into `fields` (cleared first) and returns the line it starts
    /// on, or `nil` at the end of the input. Structural problems (an unclosed quote, text
    /// after a closing quote) are appended to `problems`; the scanner always makes progress.
    ///
    /// - Complexity: O(length of the record).
    mutating func nextRecord(into fields: inout [CSVField], problems: inout [CSVProblem]) -> Int? {
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
                    problems.append(CSVProblem(kind: .unterminatedQuote, line: fieldLine))
                    fields.append(CSVField(start: i + 1, end: n, line: fieldLine, quoted: true,
                                           hasEscapedQuote: escaped))
                    position = n
                    return recordLine
                }
                // After the closing quote: a delimiter, a line end or the end of input.
                if j < n, bytes[j] != delimiter, bytes[j] != CSVScanner.lf,
                   bytes[j] != CSVScanner.cr {
                    problems.append(CSVProblem(kind: .malformedQuote, line: line))
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
    static func detectDelimiter(_ bytes: UnsafeRawBufferPointer, start: Int) -> UInt8 {
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
                if c == 0x2C { commas += 1 } else if c == 0x3B { semicolons += 1 }
            }
            i += 1
        }
        return semicolons > commas ? 0x3B : 0x2C
    }
}

/// The delimiters and line ends (LF, CR) of a buffer, found 64 bytes at a time and handed
/// out in order: a bit mask per block, so that finding the end of the next field is a
/// bit scan rather than a byte loop.
///
/// Quotes are not stops: a reader that meets a quoted field skips it by hand and `seek`s
/// past it. The index is a cache of facts about immutable bytes, so it may be reused from
/// one record to the next and moved anywhere with `seek`.
struct CSVStopIndex {
    /// Offset of the block's first byte.
    private(set) var base = 0
    /// One bit per stop in `floor..<base + 64` not yet handed out, bit 0 for `base`.
    private var mask: UInt64 = 0
    /// The first offset whose stops are all still in `mask`.
    private var floor = 0
    /// False until the first `seek`.
    private var started = false
    /// The delimiter in each byte of a word.
    let delimiters: UInt64
    /// The delimiter.
    let delimiter: UInt8

    /// An index of the stops for `delimiter`.
    init(delimiter: UInt8) {
        self.delimiter = delimiter
        self.delimiters = CSVBytes.broadcast(delimiter)
    }

    /// Makes `position` the next offset from which stops are handed out. Moving forward
    /// within the current block only drops bits; anything else starts a new block.
    @inline(__always)
    mutating func seek(_ bytes: UnsafeRawBufferPointer, to position: Int) {
        let offset = position &- base
        if started, position >= floor, offset < 64 {
            mask &= ~((UInt64(1) << UInt64(offset)) &- 1)
            floor = position
        } else {
            restart(bytes, at: position)
        }
    }

    /// Starts a block at `position`.
    @inline(never)
    private mutating func restart(_ bytes: UnsafeRawBufferPointer, at position: Int) {
        started = true
        base = position
        floor = position
        mask = block(bytes, at: position)
    }

    /// Offset of the next stop (consumed), or `bytes.count` when there is none.
    @inline(__always)
    mutating func next(_ bytes: UnsafeRawBufferPointer) -> Int {
        if mask == 0, !refill(bytes) { return bytes.count }
        let stop = base + mask.trailingZeroBitCount
        mask &= mask &- 1
        floor = stop + 1
        return stop
    }

    /// Moves to the next block holding a stop; false at the end of the buffer.
    @inline(never)
    private mutating func refill(_ bytes: UnsafeRawBufferPointer) -> Bool {
        while mask == 0 {
            base += 64
            floor = base
            if base >= bytes.count {
                base = bytes.count
                floor = base
                return false
            }
            mask = block(bytes, at: base)
        }
        return true
    }

    /// The stops of `start..<start + 64` (clipped to the buffer) as a bit mask.
    private func block(_ bytes: UnsafeRawBufferPointer, at start: Int) -> UInt64 {
        let n = bytes.count
        guard start >= 0, start < n else { return 0 }
        if start + 64 <= n {
            var bits: UInt64 = 0
            for w in 0..<8 {
                let word = UInt64(littleEndian: bytes.loadUnaligned(
                    fromByteOffset: start + 8 * w, as: UInt64.self))
                let stops = CSVBytes.zeroBytes(word ^ delimiters)
                    | CSVBytes.zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                    | CSVBytes.zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D)
                // Gather the high bit of each byte into the top byte (no two partial
                // products collide, so there are no carries), then into place.
                bits |= (((stops >> 7) &* 0x0102_0408_1020_4080) >> 56) << UInt64(8 * w)
            }
            return bits
        }
        var bits: UInt64 = 0
        for k in 0..<(n - start) {
            let c = bytes[start + k]
            if c == delimiter || c == CSVScanner.lf || c == CSVScanner.cr {
                bits |= UInt64(1) << UInt64(k)
            }
        }
        return bits
    }
}
