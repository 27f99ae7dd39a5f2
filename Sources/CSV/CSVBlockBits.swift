#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel
#endif

/// The bytes of one 64-byte block that matter to the splitter, one bit per byte (bit 0
/// for the block's first byte): delimiters, line ends (LF, CR), quotes, and bytes that
/// are not ASCII.
///
/// On x86-64 the block is compared 16 bytes at a time with SSE2 (`pcmpeqb`, `pmovmskb`,
/// part of every x86-64 processor); elsewhere eight bytes at a time in a 64-bit word. Both
/// give the same bits, which the tests check.
public struct CSVBlockBits {
    /// The delimiter bytes.
    public var delimiters: UInt64
    /// The LF and CR bytes.
    public var lineEnds: UInt64
    /// The `"` bytes.
    public var quotes: UInt64
    /// The bytes 0x80 and above.
    public var nonASCII: UInt64

    /// Bits as given.
    public init(delimiters: UInt64, lineEnds: UInt64, quotes: UInt64, nonASCII: UInt64) {
        self.delimiters = delimiters
        self.lineEnds = lineEnds
        self.quotes = quotes
        self.nonASCII = nonASCII
    }

    /// The bits of the 64 bytes at `p` (all readable).
    @inline(__always)
    public init(_ p: UnsafeRawPointer, delimiter: UInt8) {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        self.init(sse2: p, delimiter: delimiter)
        #else
        self.init(words: p, delimiter: delimiter)
        #endif
    }

    /// The line ends and the bytes that are not ASCII of the 64 bytes at `p` (all
    /// readable): `lineEnds` and `nonASCII` of the block's bits, computed alone.
    @inline(__always)
    public static func lineEndsAndNonASCII(_ p: UnsafeRawPointer) -> (lineEnds: UInt64, nonASCII: UInt64) {
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
    public init(sse2 p: UnsafeRawPointer, delimiter: UInt8) {
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
    public init(words p: UnsafeRawPointer, delimiter: UInt8) {
        let d = CSVWord.broadcast(delimiter)
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
            delimiters |= gather(CSVWord.zeroBytes(word ^ d), shift)
            lineEnds |= gather(CSVWord.zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                | CSVWord.zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D), shift)
            quotes |= gather(CSVWord.zeroBytes(word ^ 0x2222_2222_2222_2222), shift)
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
    public init(_ bytes: UnsafeRawBufferPointer, block b: Int, delimiter: UInt8) {
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
public struct CSVBlockScan {
    /// Number of LF and CR bytes (a CRLF counts twice).
    public let lineEnds: Int
    /// Offset of the first byte 0x80 or above at or after the `asciiFrom` given, or the
    /// buffer's size when there is none.
    public let firstNonASCII: Int

    /// Scans `bytes`; bytes before `asciiFrom` (a byte-order mark) are not looked at for
    /// `firstNonASCII`.
    ///
    /// - Complexity: O(n), no allocation.
    public init(_ bytes: UnsafeRawBufferPointer, asciiFrom: Int = 0) {
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


/// Bit tricks on eight bytes at a time in a 64-bit word (SWAR), shared by the block
/// classifiers here and the byte-level readers built on them.
///
/// Reference: H. S. Warren, *Hacker's Delight*, 2nd ed., Addison-Wesley 2012, §6-1
/// ("Find first 0-byte").
public enum CSVWord {
    /// `byte` in each of the eight bytes of a word.
    @inlinable @inline(__always)
    public static func broadcast(_ byte: UInt8) -> UInt64 {
        UInt64(byte) &* 0x0101_0101_0101_0101
    }

    /// The high bit of each byte of `word` that is zero, and no other bit.
    @inlinable @inline(__always)
    public static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low) &+ low) | word) & 0x8080_8080_8080_8080
    }
}
