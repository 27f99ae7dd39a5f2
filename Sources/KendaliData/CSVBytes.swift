import CSV
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level helpers for the snapshot reader (and the store's rows): trimming, keyword
/// matching, number parsing and reusing a string already made, all on borrowed bytes
/// without allocating, beside the record splitting and the text encodings (`TextEncoding`)
/// of the `CSV` module.
enum CSVBytes {
    /// `text` when its UTF-8 is exactly `bytes` (so it can stand for the string those bytes
    /// would make, sharing its storage); `nil` otherwise or when `text` is `nil`.
    @inline(__always)
    static func same(_ text: String?, as bytes: UnsafeRawBufferPointer) -> String? {
        guard let text, text.utf8.count == bytes.count else { return nil }
        let equal = text.utf8.withContiguousStorageIfAvailable { stored -> Bool in
            guard let a = stored.baseAddress, let b = bytes.baseAddress else { return bytes.isEmpty }
            return memcmp(a, b, bytes.count) == 0
        }
        return equal == true ? text : nil
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

    /// How a count or an amount written with thousands separators reads.
    enum GroupedInteger: Equatable {
        /// One value.
        case value(Int64)
        /// A well-formed negative number.
        case negative
        /// Two readings the column would both accept: the dot as a thousands separator
        /// (`thousands`) or as a decimal point (`decimal`, a whole number too).
        case ambiguous(thousands: Int64, decimal: Int64)
        /// Not such a number.
        case invalid
    }

    /// Parses a whole number written as people write one in Indonesia, for the forms
    /// `integer` refuses: digits grouped by three with dots (`3.551.000`) and, when
    /// `money`, an `Rp` prefix (`Rp 3.551.000`, `Rp3.551.000`, `Rp. 3.551.000`, any case,
    /// spaces or no-break spaces after it) and a zero fraction or a dash after a decimal
    /// comma (`Rp 3.551.000,00`, `3.551.000,-`). A sign may come first (`-3.551.000`,
    /// `-Rp 5.000`), or after the prefix.
    ///
    /// In a count, one group after a single dot whose digits are `000` (`1.000`) reads two
    /// ways in a file whose decimal mark is the point (`dotIsDecimalMark`): 1000, or
    /// 1.000 = 1, a whole number as well; that is `.ambiguous`. Any other group (`1.234`)
    /// can only be a thousands separator in a whole-number column, and so can every dot
    /// of an amount of rupiah (`money`), never written with three decimals.
    ///
    /// - Complexity: O(end − start).
    static func groupedInteger(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int,
                               money: Bool, dotIsDecimalMark: Bool) -> GroupedInteger {
        var i = start
        var negative = false
        var signed = false
        @inline(__always) func sign() {
            if !signed, i < end, bytes[i] == 0x2D || bytes[i] == 0x2B {
                negative = bytes[i] == 0x2D
                signed = true
                i += 1
            }
        }
        sign()
        var prefixed = false
        if money, i + 2 <= end, bytes[i] | 0x20 == 0x72, bytes[i + 1] | 0x20 == 0x70 {  // Rp
            prefixed = true
            i += 2
            if i < end, bytes[i] == 0x2E { i += 1 }
            while i < end {
                if bytes[i] == 0x20 || bytes[i] == 0x09 {
                    i += 1
                } else if bytes[i] == 0xC2, i + 1 < end, bytes[i + 1] == 0xA0 {
                    i += 2  // U+00A0, as Excel's currency formats put it
                } else {
                    break
                }
            }
            sign()
        }
        // The digits, then groups of exactly three after dots.
        var value: Int64 = 0
        var digits = 0
        let leadStart = i
        while i < end, bytes[i] &- 0x30 < 10 {
            if digits < 18 { value = value * 10 + Int64(bytes[i] &- 0x30) }
            digits += 1
            i += 1
        }
        let lead = i - leadStart
        let leadValue = value
        guard lead > 0 else { return .invalid }
        var groups = 0
        var lastGroupZero = false
        while i < end, bytes[i] == 0x2E {
            guard i + 4 <= end, bytes[i + 1] &- 0x30 < 10, bytes[i + 2] &- 0x30 < 10,
                  bytes[i + 3] &- 0x30 < 10, i + 4 == end || bytes[i + 4] &- 0x30 >= 10
            else { return .invalid }
            for k in 1...3 { value = value &* 10 &+ Int64(bytes[i + k] &- 0x30) }
            lastGroupZero = bytes[i + 1] == 0x30 && bytes[i + 2] == 0x30 && bytes[i + 3] == 0x30
            digits += 3
            groups += 1
            i += 4
        }
        // Groups need a lead of one to three digits, not starting with 0.
        if groups > 0, lead > 3 || (bytes[leadStart] == 0x30) { return .invalid }
        // A money column's whole-rupiah tail: `,00` or `,-`.
        var commaTail = false
        if money, i < end, bytes[i] == 0x2C {
            i += 1
            if i < end, bytes[i] == 0x2D {
                i += 1
            } else {
                let zeros = i
                while i < end, bytes[i] == 0x30 { i += 1 }
                guard i > zeros else { return .invalid }
            }
            commaTail = true
        }
        guard i == end, digits <= 18, groups > 0 || prefixed || commaTail else { return .invalid }
        if negative, value != 0 { return .negative }
        if groups == 1, lastGroupZero, dotIsDecimalMark, !money {
            return .ambiguous(thousands: value, decimal: leadValue)
        }
        return .value(value)
    }

    /// Parses a decimal number written with Indonesian thousands dots and, optionally, a
    /// decimal comma (`1.234,5`, `1.234.567`): a lead of one to three digits (not starting
    /// with 0), at least one group of three after a dot, then `,` and digits. The forms
    /// `decimal` reads (`1.234`, `62,5`) are left to it. `nil` for anything else.
    ///
    /// - Complexity: O(end − start).
    static func groupedDecimal(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Double? {
        var i = start
        var text = ""
        if i < end, bytes[i] == 0x2D || bytes[i] == 0x2B {
            if bytes[i] == 0x2D { text.append("-") }
            i += 1
        }
        let leadStart = i
        while i < end, bytes[i] &- 0x30 < 10 { i += 1 }
        let lead = i - leadStart
        guard lead >= 1, lead <= 3, bytes[leadStart] != 0x30 else { return nil }
        for k in leadStart..<i { text.unicodeScalars.append(Unicode.Scalar(bytes[k])) }
        var groups = 0
        while i < end, bytes[i] == 0x2E {
            guard i + 4 <= end, bytes[i + 1] &- 0x30 < 10, bytes[i + 2] &- 0x30 < 10,
                  bytes[i + 3] &- 0x30 < 10, i + 4 == end || bytes[i + 4] &- 0x30 >= 10
            else { return nil }
            for k in 1...3 { text.unicodeScalars.append(Unicode.Scalar(bytes[i + k])) }
            groups += 1
            i += 4
        }
        guard groups > 0 else { return nil }
        if i < end, bytes[i] == 0x2C {
            i += 1
            let fraction = i
            while i < end, bytes[i] &- 0x30 < 10 { i += 1 }
            guard i > fraction else { return nil }
            text.append(".")
            for k in fraction..<i { text.unicodeScalars.append(Unicode.Scalar(bytes[k])) }
        } else if groups == 1 {
            return nil  // `1.234`: `decimal` reads it
        }
        guard i == end else { return nil }
        return Double(text)
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
