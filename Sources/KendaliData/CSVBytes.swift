import CSV

/// Byte-level helpers for the snapshot reader: UTF-8 validation, trimming, keyword
/// matching and number parsing, all on borrowed bytes without allocating, beside the
/// record splitting of the `CSV` module.
enum CSVBytes {
    /// An invalid UTF-8 sequence: its byte offset and the offending byte.
    struct InvalidUTF8 {
        /// Offset of the first byte of the invalid sequence.
        var offset: Int
        /// That byte.
        var byte: UInt8
    }

    /// Every invalid UTF-8 sequence in `bytes`, at most `limit` of them, per the
    /// well-formed byte sequences of the Unicode Standard, Table 3-7 (no overlong forms,
    /// no surrogates, nothing above U+10FFFF).
    ///
    /// - Complexity: O(n); ASCII runs are skipped eight bytes at a time.
    static func invalidUTF8(_ bytes: UnsafeRawBufferPointer, limit: Int) -> [InvalidUTF8] {
        invalidUTF8AndLineEnds(bytes, limit: limit).invalid
    }

    /// Every invalid UTF-8 sequence in `bytes` (at most `limit`, as `invalidUTF8`), and
    /// the number of line feeds (0x0A) and carriage returns (0x0D) in the bytes checked
    /// (all of them unless the limit stopped the check), in one pass.
    ///
    /// - Complexity: O(n); ASCII runs are checked and counted 32 bytes at a time.
    static func invalidUTF8AndLineEnds(_ bytes: UnsafeRawBufferPointer, limit: Int)
        -> (invalid: [InvalidUTF8], lineEnds: Int)
    {
        var found: [InvalidUTF8] = []
        var lineEnds = 0
        let n = bytes.count
        var i = 0
        let high: UInt64 = 0x8080_8080_8080_8080
        /// LF and CR bytes among the eight bytes of an ASCII word.
        @inline(__always) func endsIn(_ word: UInt64) -> Int {
            (CSVWord.zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A) | CSVWord.zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D))
                .nonzeroBitCount
        }
        while i < n {
            // Fast path: 32, then 8 ASCII bytes at once.
            if i + 32 <= n {
                let w0 = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let w1 = bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                let w2 = bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                let w3 = bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                if (w0 | w1 | w2 | w3) & high == 0 {
                    lineEnds += endsIn(w0) + endsIn(w1) + endsIn(w2) + endsIn(w3)
                    i += 32
                    continue
                }
            }
            if i + 8 <= n {
                let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & high == 0 {
                    lineEnds += endsIn(word)
                    i += 8
                    continue
                }
            }
            let b0 = bytes[i]
            if b0 < 0x80 {
                if b0 == 0x0A || b0 == 0x0D { lineEnds += 1 }
                i += 1
                continue
            }
            func cont(_ k: Int) -> UInt8? {
                i + k < n ? bytes[i + k] : nil
            }
            func isCont(_ b: UInt8?) -> Bool {
                guard let b else { return false }
                return b & 0xC0 == 0x80
            }
            var length = 0
            switch b0 {
            case 0xC2...0xDF:
                if isCont(cont(1)) { length = 2 }
            case 0xE0...0xEF:
                if let b1 = cont(1) {
                    let lowOK: Bool
                    switch b0 {
                    case 0xE0: lowOK = (0xA0...0xBF).contains(b1)
                    case 0xED: lowOK = (0x80...0x9F).contains(b1)
                    default: lowOK = (0x80...0xBF).contains(b1)
                    }
                    if lowOK, isCont(cont(2)) { length = 3 }
                }
            case 0xF0...0xF4:
                if let b1 = cont(1) {
                    let lowOK: Bool
                    switch b0 {
                    case 0xF0: lowOK = (0x90...0xBF).contains(b1)
                    case 0xF4: lowOK = (0x80...0x8F).contains(b1)
                    default: lowOK = (0x80...0xBF).contains(b1)
                    }
                    if lowOK, isCont(cont(2)), isCont(cont(3)) { length = 4 }
                }
            default:
                break
            }
            if length == 0 {
                found.append(InvalidUTF8(offset: i, byte: b0))
                if found.count >= limit { return (found, lineEnds) }
                i += 1
            } else {
                i += length
            }
        }
        return (found, lineEnds)
    }

    /// True when the `count` bytes at `a` equal the `count` bytes at `b` (both ranges
    /// inside `bytes`; out-of-range offsets compare unequal).
    @inline(__always)
    static func equal(_ bytes: UnsafeRawBufferPointer, _ a: Int, _ b: Int, count: Int) -> Bool {
        guard count >= 0, a >= 0, b >= 0, a + count <= bytes.count, b + count <= bytes.count
        else { return false }
        if a == b { return true }
        @inline(__always) func word(_ at: Int) -> UInt64 {
            bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)
        }
        @inline(__always) func half(_ at: Int) -> UInt32 {
            bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)
        }
        if count >= 8 {
            // Whole words, then the last eight bytes (overlapping the words before).
            var k = 0
            while k + 8 <= count {
                if word(a + k) != word(b + k) { return false }
                k += 8
            }
            return k == count || word(a + count - 8) == word(b + count - 8)
        }
        if count >= 4 {
            return half(a) == half(b) && half(a + count - 4) == half(b + count - 4)
        }
        var k = 0
        while k < count {
            if bytes[a + k] != bytes[b + k] { return false }
            k += 1
        }
        return true
    }

    /// The 1-based physical line of each of `offsets` (ascending), in one pass; LF, CRLF
    /// and lone CR end lines.
    ///
    /// - Complexity: O(n) in the size of `bytes`.
    static func lines(of offsets: [Int], in bytes: UnsafeRawBufferPointer) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(offsets.count)
        var line = 1
        var i = 0
        for offset in offsets {
            let end = min(offset, bytes.count)
            while i < end {
                let c = bytes[i]
                if c == 0x0A {
                    line += 1
                } else if c == 0x0D, !(i + 1 < bytes.count && bytes[i + 1] == 0x0A) {
                    line += 1
                }
                i += 1
            }
            result.append(line)
        }
        return result
    }

    /// The number written by the eight ASCII digits of `word` (the first digit in its
    /// lowest byte, as loaded from memory on a little-endian machine), or `nil` when a
    /// byte is not a digit.
    @inline(__always)
    static func eightDigits(_ word: UInt64) -> UInt64? {
        let w = UInt64(littleEndian: word)
        let d = w &- 0x3030_3030_3030_3030
        // A byte below '0' leaves a high nibble in its own lane (lower lanes are digits,
        // so no borrow reaches it); a byte above '9' does so once 6 is added.
        guard (d | (d &+ 0x0606_0606_0606_0606)) & 0xF0F0_F0F0_F0F0_F0F0 == 0 else { return nil }
        var v = d &* 10 &+ (d >> 8)
        v &= 0x00FF_00FF_00FF_00FF
        v = v &* 100 &+ (v >> 16)
        v &= 0x0000_FFFF_0000_FFFF
        v = v &* 10_000 &+ (v >> 32)
        return v & 0xFFFF_FFFF
    }

    /// `start..<end` without surrounding spaces and tabs.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> (Int, Int) {
        var s = start
        var e = end
        while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
        while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 { e -= 1 }
        return (s, e)
    }

    /// The bytes `start..<end` (1 to 16 of them) with 'A'...'Z' made lower case, as two
    /// words to compare with `word(_:from:)` of a keyword as long: the first eight bytes
    /// (zeros past `end`) and the last eight (the first eight again when there are at
    /// most eight). `nil` when the bytes are too near the end of the buffer to be loaded
    /// eight at a time.
    ///
    /// A value matches a keyword exactly when `equalsIgnoringCase` says so (ASCII case is
    /// folded for letters only); the keyword's words are constants once `word` is inlined.
    @inline(__always)
    static func foldedWords(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int)
        -> (head: UInt64, tail: UInt64)?
    {
        let count = end - start
        guard count >= 1, count <= 16, start >= 0, start + max(count, 8) <= bytes.count else {
            return nil
        }
        var head = lowercased(bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self))
        if count < 8 { head &= (UInt64(1) << UInt64(8 * count)) &- 1 }
        let tail = count > 8
            ? lowercased(bytes.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self)) : head
        return (head, tail)
    }

    /// Up to eight bytes of `keyword` from `from`, the first in the lowest byte, zeros
    /// after its end: the words of `foldedWords` for the keyword itself (`from` 0, and
    /// `from` count − 8 for one longer than eight bytes).
    @inline(__always)
    static func word(_ keyword: StaticString, from: Int) -> UInt64 {
        let k = keyword.utf8Start
        var w: UInt64 = 0
        for t in 0..<max(min(keyword.utf8CodeUnitCount - from, 8), 0) {
            w |= UInt64(k[from + t]) << UInt64(8 * t)
        }
        return w
    }

    /// `word` (bytes in memory order) with 'A'...'Z' made lower case, every other byte
    /// unchanged.
    @inline(__always)
    static func lowercased(_ word: UInt64) -> UInt64 {
        let w = UInt64(littleEndian: word)
        let low7 = w & 0x7F7F_7F7F_7F7F_7F7F
        let atLeastA = low7 &+ 0x3F3F_3F3F_3F3F_3F3F  // high bit: byte & 0x7F >= 0x41
        let pastZ = low7 &+ 0x2525_2525_2525_2525  // high bit: byte & 0x7F >= 0x5B
        let upper = atLeastA & ~pastZ & ~w & 0x8080_8080_8080_8080
        return w | (upper >> 2)
    }

    /// True when `start..<end` equals `keyword` (lower-case ASCII) ignoring ASCII case.
    @inline(__always)
    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int,
                                   _ keyword: StaticString) -> Bool {
        let count = keyword.utf8CodeUnitCount
        guard end - start == count else { return false }
        let k = keyword.utf8Start
        for t in 0..<count {
            var c = bytes[start + t]
            if c >= 0x41, c <= 0x5A { c |= 0x20 }
            if c != k[t] { return false }
        }
        return true
    }

    /// The result of parsing an integer field.
    enum IntegerParse {
        /// A value.
        case value(Int64)
        /// A well-formed negative integer.
        case negative
        /// Not an integer, or too large.
        case invalid
    }

    /// Parses an optional sign and decimal digits (at most 18) from `start..<end`.
    @inline(__always)
    static func integer(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> IntegerParse {
        var i = start
        var negative = false
        if i < end, bytes[i] == 0x2D || bytes[i] == 0x2B {
            negative = bytes[i] == 0x2D
            i += 1
        }
        let digitsStart = i
        guard i < end, end - i <= 18 else { return .invalid }
        var v: Int64 = 0
        while i < end {
            let d = bytes[i] &- 0x30
            guard d < 10 else { return .invalid }
            v = v * 10 + Int64(d)
            i += 1
        }
        guard i > digitsStart else { return .invalid }
        if negative, v != 0 { return .negative }
        return .value(v)
    }

    private static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses a decimal number: optional sign, digits, an optional fraction after `.` (or
    /// after `,` when `decimalComma`), an optional exponent `e±d`; at least one digit.
    /// `nil` for anything else (including `nan`, `inf`, hex forms).
    ///
    /// Numbers of at most 15 significant digits with a small exponent take Clinger's exact
    /// fast path (an exact integer divided or multiplied by an exact power of ten, one
    /// correctly rounded operation); anything else falls back to the standard library's
    /// correctly rounded `Double(String)`, so every value round-trips.
    ///
    /// Reference: W. D. Clinger, "How to read floating point numbers accurately",
    /// PLDI 1990, <https://doi.org/10.1145/93542.93557>.
    static func decimal(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int,
                        decimalComma: Bool) -> Double? {
        var i = start
        var negative = false
        if i < end, bytes[i] == 0x2D || bytes[i] == 0x2B {
            negative = bytes[i] == 0x2D
            i += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var digits = 0
        var fractionDigits = 0
        var sawPoint = false
        var exponent = 0
        while i < end {
            let c = bytes[i]
            let d = c &- 0x30
            if d < 10 {
                digits += 1
                if sawPoint { fractionDigits += 1 }
                if mantissa != 0 || d != 0 { significant += 1 }
                if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(d) }
                i += 1
            } else if !sawPoint, c == 0x2E || (decimalComma && c == 0x2C) {
                sawPoint = true
                i += 1
            } else {
                break
            }
        }
        guard digits > 0 else { return nil }
        if i < end, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i += 1
            var expNegative = false
            if i < end, bytes[i] == 0x2D || bytes[i] == 0x2B {
                expNegative = bytes[i] == 0x2D
                i += 1
            }
            let expStart = i
            while i < end, bytes[i] &- 0x30 < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] - 0x30) }
                i += 1
            }
            guard i > expStart else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == end else { return nil }
        let scale = exponent - fractionDigits
        if significant <= 15, scale >= -22, scale <= 22 {
            var v = Double(mantissa)
            if scale < 0 { v /= exactPowers[-scale] } else { v *= exactPowers[scale] }
            return negative ? -v : v
        }
        // Slow path: rebuild a plain ASCII literal and let the standard library round it.
        var text = ""
        text.reserveCapacity(end - start)
        for k in start..<end {
            let c = bytes[k]
            text.unicodeScalars.append(Unicode.Scalar(c == 0x2C ? 0x2E : c))
        }
        return Double(text)
    }
}
