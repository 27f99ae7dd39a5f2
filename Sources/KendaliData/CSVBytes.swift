/// Byte-level helpers for the snapshot reader: UTF-8 validation, trimming, keyword
/// matching and number parsing, all on borrowed bytes without allocating.
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
        var found: [InvalidUTF8] = []
        let n = bytes.count
        var i = 0
        while i < n {
            // Fast path: eight ASCII bytes at once.
            if i + 8 <= n {
                let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let b0 = bytes[i]
            if b0 < 0x80 {
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
                if found.count >= limit { return found }
                i += 1
            } else {
                i += length
            }
        }
        return found
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

    /// `start..<end` without surrounding spaces and tabs.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> (Int, Int) {
        var s = start
        var e = end
        while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
        while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 { e -= 1 }
        return (s, e)
    }

    /// The bytes `start..<end` as a String, with doubled quotes undone when `unescape`;
    /// invalid UTF-8 is repaired with U+FFFD (the file is rejected in that case anyway).
    static func string(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int,
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
            if c == 0x22, i + 1 < end, bytes[i + 1] == 0x22 { i += 2 } else { i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
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
