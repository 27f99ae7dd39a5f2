#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel
#endif

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
    /// The delimiter.
    let delimiter: UInt8

    /// An index of the stops for `delimiter`.
    init(delimiter: UInt8) {
        self.delimiter = delimiter
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
        guard start >= 0, start < n, let base = bytes.baseAddress else { return 0 }
        if start + 64 <= n {
            let bits = CSVBlockBits(base + start, delimiter: delimiter)
            return bits.delimiters | bits.lineEnds
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

/// The bytes of one 64-byte block that matter to the splitter, one bit per byte (bit 0
/// for the block's first byte): delimiters, line ends (LF, CR), quotes, and bytes that
/// are not ASCII.
///
/// On x86-64 the block is compared 16 bytes at a time with SSE2 (`pcmpeqb`, `pmovmskb`,
/// part of every x86-64 processor); elsewhere eight bytes at a time in a 64-bit word. Both
/// give the same bits, which the tests check.
struct CSVBlockBits {
    /// The delimiter bytes.
    var delimiters: UInt64
    /// The LF and CR bytes.
    var lineEnds: UInt64
    /// The `"` bytes.
    var quotes: UInt64
    /// The bytes 0x80 and above.
    var nonASCII: UInt64

    /// Bits as given.
    init(delimiters: UInt64, lineEnds: UInt64, quotes: UInt64, nonASCII: UInt64) {
        self.delimiters = delimiters
        self.lineEnds = lineEnds
        self.quotes = quotes
        self.nonASCII = nonASCII
    }

    /// The bits of the 64 bytes at `p` (all readable).
    @inline(__always)
    init(_ p: UnsafeRawPointer, delimiter: UInt8) {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        self.init(sse2: p, delimiter: delimiter)
        #else
        self.init(words: p, delimiter: delimiter)
        #endif
    }

    /// The line ends and the bytes that are not ASCII of the 64 bytes at `p` (all
    /// readable): `lineEnds` and `nonASCII` of the block's bits, computed alone.
    @inline(__always)
    static func lineEndsAndNonASCII(_ p: UnsafeRawPointer) -> (lineEnds: UInt64, nonASCII: UInt64) {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        let lf = _mm_set1_epi8(0x0A)
        let cr = _mm_set1_epi8(0x0D)
        var lineEnds: UInt64 = 0
        var nonASCII: UInt64 = 0
        for w in 0..<4 {
            let v = p.loadUnaligned(fromByteOffset: 16 * w, as: __m128i.self)
            let shift = UInt64(16 * w)
            let ends = _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr))
            lineEnds |= UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(ends))) << shift
            nonASCII |= UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(v))) << shift
        }
        return (lineEnds, nonASCII)
        #else
        let bits = CSVBlockBits(words: p, delimiter: 0x2C)
        return (bits.lineEnds, bits.nonASCII)
        #endif
    }

    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    /// The bits through SSE2, 16 bytes at a time.
    @inline(__always)
    init(sse2 p: UnsafeRawPointer, delimiter: UInt8) {
        let d = _mm_set1_epi8(Int8(bitPattern: delimiter))
        let lf = _mm_set1_epi8(0x0A)
        let cr = _mm_set1_epi8(0x0D)
        let quote = _mm_set1_epi8(0x22)
        var delimiters: UInt64 = 0
        var lineEnds: UInt64 = 0
        var quotes: UInt64 = 0
        var nonASCII: UInt64 = 0
        @inline(__always) func bits(_ m: __m128i, _ shift: UInt64) -> UInt64 {
            UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(m))) << shift
        }
        for w in 0..<4 {
            let v = p.loadUnaligned(fromByteOffset: 16 * w, as: __m128i.self)
            let shift = UInt64(16 * w)
            delimiters |= bits(_mm_cmpeq_epi8(v, d), shift)
            lineEnds |= bits(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)), shift)
            quotes |= bits(_mm_cmpeq_epi8(v, quote), shift)
            nonASCII |= bits(v, shift)
        }
        self.delimiters = delimiters
        self.lineEnds = lineEnds
        self.quotes = quotes
        self.nonASCII = nonASCII
    }
    #endif

    /// The bits eight bytes at a time in 64-bit words (any processor).
    @inline(__always)
    init(words p: UnsafeRawPointer, delimiter: UInt8) {
        let d = CSVBytes.broadcast(delimiter)
        var delimiters: UInt64 = 0
        var lineEnds: UInt64 = 0
        var quotes: UInt64 = 0
        var nonASCII: UInt64 = 0
        /// The high bit of each of the eight bytes, gathered into the low eight bits (no
        /// two partial products collide, so there are no carries).
        @inline(__always) func gather(_ highBits: UInt64, _ shift: UInt64) -> UInt64 {
            (((highBits >> 7) &* 0x0102_0408_1020_4080) >> 56) << shift
        }
        for w in 0..<8 {
            let word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8 * w, as: UInt64.self))
            let shift = UInt64(8 * w)
            delimiters |= gather(CSVBytes.zeroBytes(word ^ d), shift)
            lineEnds |= gather(CSVBytes.zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                | CSVBytes.zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D), shift)
            quotes |= gather(CSVBytes.zeroBytes(word ^ 0x2222_2222_2222_2222), shift)
            nonASCII |= gather(word & 0x8080_8080_8080_8080, shift)
        }
        self.delimiters = delimiters
        self.lineEnds = lineEnds
        self.quotes = quotes
        self.nonASCII = nonASCII
    }
}

extension CSVBlockBits {
    /// The bits of block `b` of `bytes` (bytes `64 * b ..< 64 * b + 64`); a partial last
    /// block is padded with zero bytes, none of which is a stop.
    @inline(__always)
    init(_ bytes: UnsafeRawBufferPointer, block b: Int, delimiter: UInt8) {
        let n = bytes.count
        let start = 64 * b
        guard let base = bytes.baseAddress, b >= 0, start < n else {
            self.init(delimiters: 0, lineEnds: 0, quotes: 0, nonASCII: 0)
            return
        }
        if start + 64 <= n {
            self.init(base + start, delimiter: delimiter)
            return
        }
        var bits = CSVBlockBits(delimiters: 0, lineEnds: 0, quotes: 0, nonASCII: 0)
        withUnsafeTemporaryAllocation(byteCount: 64, alignment: 16) { pad in
            guard let p = pad.baseAddress else { return }
            p.initializeMemory(as: UInt8.self, repeating: 0, count: 64)
            p.copyMemory(from: base + start, byteCount: n - start)
            bits = CSVBlockBits(UnsafeRawPointer(p), delimiter: delimiter)
        }
        self = bits
    }
}

/// One pass over a whole buffer, 64 bytes at a time, that counts the line ends and finds
/// the first byte that is not ASCII (so that a file of ASCII text needs no other UTF-8
/// check).
struct CSVBlockScan {
    /// Number of LF and CR bytes (a CRLF counts twice).
    let lineEnds: Int
    /// Offset of the first byte 0x80 or above at or after the `asciiFrom` given, or the
    /// buffer's size when there is none.
    let firstNonASCII: Int

    /// Scans `bytes`; bytes before `asciiFrom` (a byte-order mark) are not looked at for
    /// `firstNonASCII`.
    ///
    /// - Complexity: O(n), no allocation.
    init(_ bytes: UnsafeRawBufferPointer, asciiFrom: Int = 0) {
        let n = bytes.count
        var lineEnds = 0
        var firstNonASCII = n
        @inline(__always) func note(_ nonASCII: UInt64, block b: Int) {
            var high = nonASCII
            let base = 64 * b
            if base < asciiFrom {
                let skip = asciiFrom - base
                high &= skip >= 64 ? 0 : ~((UInt64(1) << UInt64(skip)) &- 1)
            }
            if high != 0 { firstNonASCII = base + high.trailingZeroBitCount }
        }
        let full = n / 64
        if let base = bytes.baseAddress {
            for b in 0..<full {
                let bits = CSVBlockBits.lineEndsAndNonASCII(base + 64 * b)
                lineEnds &+= bits.lineEnds.nonzeroBitCount
                if bits.nonASCII != 0, firstNonASCII == n { note(bits.nonASCII, block: b) }
            }
        }
        if 64 * full < n {
            // The partial last block (padded with zeros).
            let bits = CSVBlockBits(bytes, block: full, delimiter: 0x2C)
            lineEnds &+= bits.lineEnds.nonzeroBitCount
            if bits.nonASCII != 0, firstNonASCII == n { note(bits.nonASCII, block: full) }
        }
        self.lineEnds = lineEnds
        self.firstNonASCII = firstNonASCII
    }
}

/// The delimiters, and the line ends and quotes, of a window of consecutive 64-byte
/// blocks as two bit masks per block, computed as a reader moving forward asks for them.
///
/// The reader's plain lane finds a row's fields from these masks alone: its line end is
/// the first bit of the second mask (unless that byte is a quote), its field ends the bits
/// of the first mask before it. The window holds at most `capacity` blocks, so that its
/// memory is small and stays in cache whatever the size of the file.
struct CSVMaskWindow {
    /// Most blocks held at once.
    static let capacity = 256
    /// The bytes.
    let bytes: UnsafeRawBufferPointer
    /// `,` or `;`.
    let delimiter: UInt8
    /// Number of 64-byte blocks of the bytes (the last one may be partial).
    let blockCount: Int
    /// Two masks per block held: the delimiters, then the line ends and quotes. Owned:
    /// `deallocate()` frees them.
    private let masks: UnsafeMutablePointer<UInt64>
    /// The blocks held: `first..<end`.
    private var first = 0
    private var end = 0

    /// An empty window over `bytes`.
    init(_ bytes: UnsafeRawBufferPointer, delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
        blockCount = (bytes.count + 63) / 64
        masks = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * Self.capacity)
    }

    /// The delimiters, and the line ends and quotes, of block `b` (`0..<blockCount`).
    @inline(__always)
    mutating func masks(ofBlock b: Int) -> (delimiters: UInt64, lineEndsAndQuotes: UInt64) {
        if b < first || b >= end { fill(from: b) }
        let k = 2 &* (b &- first)
        return (masks[k], masks[k &+ 1])
    }

    /// Makes the window hold the blocks from `b` on.
    @inline(never)
    private mutating func fill(from b: Int) {
        first = b
        end = max(b, min(b + Self.capacity, blockCount))
        var k = 0
        for block in first..<end {
            let bits = CSVBlockBits(bytes, block: block, delimiter: delimiter)
            masks[k] = bits.delimiters
            masks[k + 1] = bits.lineEnds | bits.quotes
            k += 2
        }
    }

    /// Frees the masks.
    func deallocate() {
        masks.deallocate()
    }
}
