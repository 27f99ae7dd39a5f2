/// The text encodings a CSV file is read in, and the one place that decides which one a
/// file is in: UTF-8 (with or without a byte-order mark), or Windows-1252, the code page
/// Excel on Windows uses when it saves "CSV (Comma delimited)".
///
/// The decision is strict and never a guess between look-alikes: a file that is valid
/// UTF-8 is UTF-8; a file that is not, has no UTF-8 byte-order mark and holds none of the
/// five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) is
/// Windows-1252; anything else is neither and is refused (`decode`). Windows-1252 text is
/// transcoded to UTF-8 once, so that the readers work on UTF-8 alone.
///
/// References: The Unicode Standard, §3.9, Table 3-7 (well-formed UTF-8 byte sequences);
/// Microsoft's table of code page 1252, as published by the Unicode Consortium,
/// <https://www.unicode.org/Public/MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT>.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "UTF-8"
    /// Windows code page 1252 (Western European), as Microsoft defines it.
    case windows1252 = "Windows-1252"

    /// The encoding's usual name (`UTF-8`, `Windows-1252`).
    public var name: String { rawValue }

    // MARK: Deciding

    /// What `decode` found in a file's bytes.
    public enum Decoded: Sendable, Equatable {
        /// The bytes are UTF-8 already: read them as they are.
        case utf8
        /// The bytes are in `encoding`; `text` is the same text in UTF-8 (same line ends,
        /// same number of lines).
        case transcoded(text: [UInt8], from: TextEncoding)
    }

    /// Decides the encoding of `bytes` and, for Windows-1252, transcodes them.
    ///
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - asciiBefore: an offset before which every byte is known to be ASCII (or the
    ///     UTF-8 byte-order mark), so that the check starts there; 0 when unknown.
    /// - Returns: `.utf8` for valid UTF-8; `.transcoded` for text that is not UTF-8 but
    ///   strict Windows-1252 (never when the file starts with a UTF-8 byte-order mark,
    ///   which declares UTF-8); otherwise the failure names the first byte that is not
    ///   UTF-8 and why the file is not Windows-1252 either.
    /// - Complexity: O(n); ASCII runs are checked 32 bytes at a time.
    public static func decode(_ bytes: UnsafeRawBufferPointer, asciiBefore: Int = 0)
        -> Result<Decoded, UndecodableText>
    {
        let from = min(max(asciiBefore, 0), bytes.count)
        let invalid = invalidUTF8(UnsafeRawBufferPointer(rebasing: bytes[from...]), limit: 1)
        guard let first = invalid.first else { return .success(.utf8) }
        let offset = from + first.offset
        if CSVScanner.byteOrderMarkLength(bytes) > 0 {
            return .failure(UndecodableText(offset: offset, byte: first.byte, reason: .byteOrderMark))
        }
        if let undefined = firstUndefinedInWindows1252(bytes, from: from) {
            return .failure(UndecodableText(
                offset: offset, byte: first.byte,
                reason: .undefinedInWindows1252(offset: undefined, byte: bytes[undefined])))
        }
        return .success(.transcoded(text: utf8(fromWindows1252: bytes), from: .windows1252))
    }

    // MARK: Windows-1252

    /// The code point of each byte 0x80–0x9F in Windows-1252; 0 for the five bytes it
    /// leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D). Bytes below 0x80 are ASCII and
    /// bytes 0xA0–0xFF are U+00A0–U+00FF (ISO 8859-1).
    static let windows1252High: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80–87
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,  // 88–8F
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90–97
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,  // 98–9F
    ]

    /// The code point of `byte` in Windows-1252, `nil` for the five undefined bytes.
    public static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar? {
        guard byte >= 0x80, byte < 0xA0 else { return Unicode.Scalar(byte) }
        let value = windows1252High[Int(byte - 0x80)]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    /// Offset of the first byte at or after `from` that Windows-1252 leaves undefined,
    /// `nil` when there is none.
    ///
    /// - Complexity: O(n).
    public static func firstUndefinedInWindows1252(_ bytes: UnsafeRawBufferPointer, from: Int = 0)
        -> Int?
    {
        var i = max(from, 0)
        while i < bytes.count {
            switch bytes[i] {
            case 0x81, 0x8D, 0x8F, 0x90, 0x9D: return i
            default: i += 1
            }
        }
        return nil
    }

    /// `bytes` read as Windows-1252 and written as UTF-8; an undefined byte (which
    /// `decode` never lets through) becomes U+FFFD.
    ///
    /// - Complexity: O(n); the result is at most three times as long.
    public static func utf8(fromWindows1252 bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            let scalar = windows1252Scalar(byte) ?? "\u{FFFD}"
            // Bytes 0x80–0xFF become code points below U+10000: two or three bytes.
            let v = scalar.value
            if v < 0x800 {
                out.append(UInt8(0xC0 | (v >> 6)))
                out.append(UInt8(0x80 | (v & 0x3F)))
            } else {
                out.append(UInt8(0xE0 | (v >> 12)))
                out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (v & 0x3F)))
            }
        }
        return out
    }

    // MARK: UTF-8

    /// Every invalid UTF-8 sequence in `bytes`, at most `limit` of them, per the
    /// well-formed byte sequences of the Unicode Standard, Table 3-7 (no overlong forms,
    /// no surrogates, nothing above U+10FFFF).
    ///
    /// - Complexity: O(n); ASCII runs are skipped 32 bytes at a time.
    public static func invalidUTF8(_ bytes: UnsafeRawBufferPointer, limit: Int) -> [InvalidUTF8] {
        invalidUTF8AndLineEnds(bytes, limit: limit).invalid
    }

    /// Every invalid UTF-8 sequence in `bytes` (at most `limit`, as `invalidUTF8`), and
    /// the number of line feeds (0x0A) and carriage returns (0x0D) in the bytes checked
    /// (all of them unless the limit stopped the check), in one pass.
    ///
    /// - Complexity: O(n); ASCII runs are checked and counted 32 bytes at a time.
    public static func invalidUTF8AndLineEnds(_ bytes: UnsafeRawBufferPointer, limit: Int)
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
}

/// An invalid UTF-8 sequence: its byte offset and the offending byte.
public struct InvalidUTF8: Sendable, Hashable {
    /// Offset of the first byte of the invalid sequence.
    public var offset: Int
    /// That byte.
    public var byte: UInt8

    /// An invalid sequence starting with `byte` at `offset`.
    public init(offset: Int, byte: UInt8) {
        self.offset = offset
        self.byte = byte
    }
}

/// Text in none of the encodings `TextEncoding.decode` reads.
public struct UndecodableText: Error, Sendable, Hashable {
    /// Why the bytes are not read as Windows-1252 either.
    public enum Reason: Sendable, Hashable {
        /// The file starts with a UTF-8 byte-order mark, so it is meant as UTF-8.
        case byteOrderMark
        /// `byte` at `offset` is one of the five bytes Windows-1252 leaves undefined.
        case undefinedInWindows1252(offset: Int, byte: UInt8)
    }

    /// Offset of the first byte that is not UTF-8.
    public var offset: Int
    /// That byte.
    public var byte: UInt8
    /// Why the file is not Windows-1252 either.
    public var reason: Reason

    /// Undecodable text whose first non-UTF-8 byte is `byte` at `offset`.
    public init(offset: Int, byte: UInt8, reason: Reason) {
        self.offset = offset
        self.byte = byte
        self.reason = reason
    }

    /// `0x93`: a byte in two upper-case hex digits.
    public static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }
}
