/// Reads the shared-string table (ECMA-376 Part 1, §18.4.9) from its bytes as they are
/// inflated: each `si` item's text, the runs of rich text joined, phonetic runs (`rPh`)
/// left out, the `_xHHHH_` escapes decoded.
struct SharedStringsScanner {
    private var tokenizer: XMLTokenizer
    private let limit: Int
    private let location: SpreadsheetLocation
    /// The strings read so far, in order.
    private(set) var strings: [String] = []
    private var current = ByteStore(capacity: 256)
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    /// A scanner of part `part` of file `fileName` that refuses more than `limit` strings.
    init(part: String, fileName: String, limit: Int) {
        tokenizer = XMLTokenizer(part: part, fileName: fileName)
        self.limit = limit
        location = SpreadsheetLocation(file: fileName, part: part)
    }

    /// Reads the next bytes of the part.
    ///
    /// - Throws: ``SpreadsheetError`` for malformed XML or too many strings.
    mutating func read(_ bytes: UnsafeRawBufferPointer) throws {
        tokenizer.append(bytes)
        try drain()
    }

    /// Reads the end of the part and checks that the document is complete.
    mutating func finish() throws {
        tokenizer.finish()
        try drain()
    }

    private mutating func drain() throws {
        while let token = try tokenizer.next() {
            switch token {
            case .start(let name):
                if XMLTokenizer.equal(name, "si") {
                    inItem = true
                    current.count = 0
                } else if XMLTokenizer.equal(name, "rPh") {
                    phoneticDepth += 1
                } else if XMLTokenizer.equal(name, "t") {
                    inText = inItem && phoneticDepth == 0
                }
            case .end(let name):
                if XMLTokenizer.equal(name, "si") {
                    guard strings.count < limit else {
                        throw SpreadsheetError(.tooManyStrings(limit: limit), at: location)
                    }
                    strings.append(WorksheetScanner.text(current.bytes))
                    inItem = false
                } else if XMLTokenizer.equal(name, "rPh") {
                    phoneticDepth -= 1
                } else if XMLTokenizer.equal(name, "t") {
                    inText = false
                }
            case .text(let bytes):
                if inText { current.append(bytes) }
            }
        }
    }
}
