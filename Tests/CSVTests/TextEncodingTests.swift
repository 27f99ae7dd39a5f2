import CSV
import Testing

@Suite("Text encodings: UTF-8, Windows-1252, or neither")
struct TextEncodingTests {
    /// Microsoft's code page 1252, bytes 0x80–0x9F, from
    /// <https://www.unicode.org/Public/MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT>
    /// (the lines marked UNDEFINED are `nil`).
    static let microsoft: [UInt8: UInt32?] = [
        0x80: 0x20AC, 0x81: nil, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026,
        0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039,
        0x8C: 0x0152, 0x8D: nil, 0x8E: 0x017D, 0x8F: nil, 0x90: nil, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014,
        0x98: 0x02DC, 0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9D: nil,
        0x9E: 0x017E, 0x9F: 0x0178,
    ]

    func decode(_ bytes: [UInt8]) -> Result<TextEncoding.Decoded, UndecodableText> {
        bytes.withUnsafeBytes { TextEncoding.decode($0) }
    }

    @Test("every byte maps as Microsoft's table says: ASCII, 0x80–0x9F from the table, 0xA0–0xFF as Latin-1")
    func table() {
        for byte in UInt8(0)...UInt8(255) {
            let scalar = TextEncoding.windows1252Scalar(byte)?.value
            if byte < 0x80 || byte >= 0xA0 {
                #expect(scalar == UInt32(byte), "byte \(byte)")
            } else {
                #expect(scalar == Self.microsoft[byte] ?? nil, "byte \(byte)")
            }
        }
    }

    @Test("UTF-8 text, with or without a byte-order mark, is UTF-8")
    func utf8() {
        #expect(decode(Array("kode,catatan\n1,“siap” é 🌾\n".utf8)) == .success(.utf8))
        #expect(decode([0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8)) == .success(.utf8))
        #expect(decode([]) == .success(.utf8))
    }

    @Test("Windows-1252 with curly quotes, a dash, é and € is transcoded to the same text in UTF-8")
    func windows1252() {
        // “siap” – café €, as Excel on Windows saves it.
        let bytes: [UInt8] = Array("a,".utf8) + [0x93] + Array("siap".utf8) + [0x94, 0x20, 0x96, 0x20]
            + Array("caf".utf8) + [0xE9, 0x20, 0x80, 0x0D, 0x0A]
        #expect(decode(bytes) == .success(.transcoded(text: Array("a,“siap” – café €\r\n".utf8), from: .windows1252)))
        // Every defined byte round-trips through the table.
        let defined = (UInt8(0x20)...UInt8(0xFF)).filter { TextEncoding.windows1252Scalar($0) != nil }
        guard case let .success(.transcoded(text, _)) = decode(defined) else {
            Issue.record("the defined bytes are not Windows-1252")
            return
        }
        let expected = String(String.UnicodeScalarView(defined.compactMap { TextEncoding.windows1252Scalar($0) }))
        #expect(String(decoding: text, as: UTF8.self) == expected)
    }

    @Test("each of the five undefined bytes makes a file neither, named with the first byte that is not UTF-8",
          arguments: [0x81, 0x8D, 0x8F, 0x90, 0x9D] as [UInt8])
    func undefined(byte: UInt8) {
        let bytes: [UInt8] = Array("ab,".utf8) + [0x93] + Array("x\n".utf8) + [byte] + Array("\n".utf8)
        let expected = UndecodableText(offset: 3, byte: 0x93, reason: .undefinedInWindows1252(offset: 6, byte: byte))
        #expect(decode(bytes) == .failure(expected))
        #expect(bytes.withUnsafeBytes { TextEncoding.firstUndefinedInWindows1252($0) } == 6)
    }

    @Test("a byte-order mark declares UTF-8: invalid bytes after it are not read as Windows-1252")
    func byteOrderMark() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,".utf8) + [0x93, 0x0A]
        #expect(decode(bytes) == .failure(UndecodableText(offset: 5, byte: 0x93, reason: .byteOrderMark)))
    }

    @Test("the check may start past a known ASCII prefix and finds the same")
    func asciiBefore() {
        let bytes: [UInt8] = Array("abcdefgh,".utf8) + [0xE9, 0x0A]
        let whole = decode(bytes)
        let skipped = bytes.withUnsafeBytes { TextEncoding.decode($0, asciiBefore: 9) }
        #expect(whole == skipped)
        #expect(whole == .success(.transcoded(text: Array("abcdefgh,é\n".utf8), from: .windows1252)))
    }

    @Test("UTF-8 validation finds each invalid sequence", arguments: [
        ([0xC3, 0xA9] as [UInt8], [] as [Int]),  // é
        ([0xE9], [0]),  // Latin-1 é
        ([0xC0, 0x80], [0, 1]),  // overlong NUL
        ([0xED, 0xA0, 0x80], [0, 1, 2]),  // surrogate
        ([0xF4, 0x90, 0x80, 0x80], [0, 1, 2, 3]),  // above U+10FFFF
        ([0xF0, 0x9F, 0x8C, 0xBE], []),  // 🌾
        ([0x61, 0xE2, 0x82], [1, 2]),  // truncated at the end
    ])
    func invalidUTF8(bytes: [UInt8], offsets: [Int]) {
        let padded = Array("abcdefghij".utf8) + bytes
        let found = padded.withUnsafeBytes { TextEncoding.invalidUTF8($0, limit: 10) }
        #expect(found.map { $0.offset - 10 } == offsets)
    }
}
