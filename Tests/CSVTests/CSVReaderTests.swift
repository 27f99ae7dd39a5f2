import CSV
import Testing

@Suite("CSV reader (RFC 4180)")
struct CSVReaderTests {
    /// The fields of each record of `text`.
    func fields(_ text: String, delimiter: UInt8 = CSVScanner.comma) throws -> [[String]] {
        try CSVReader(delimiter: delimiter).records(text).map(\.fields)
    }

    @Test("quoted fields hold delimiters, doubled quotes and line breaks")
    func quoting() throws {
        let records = try CSVReader().records("a,\"b,c\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"\",z\n")
        #expect(records.map(\.fields) == [["a", "b,c", "say \"hi\""], ["two\nlines", "", "z"]])
        #expect(records.map(\.quoted) == [[false, true, true], [true, true, false]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test("LF, CRLF and a lone CR end records; a CRLF inside quotes is kept")
    func lineEnds() throws {
        let records = try CSVReader().records("a,b\r\nc,d\re,f\n\"g\r\nh\",i\r\nj,k")
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"], ["g\r\nh", "i"], ["j", "k"]])
        #expect(records.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test("a UTF-8 byte-order mark is skipped, and only at the start")
    func byteOrderMark() throws {
        #expect(try fields("\u{FEFF}a,b\n1,2\n") == [["a", "b"], ["1", "2"]])
        #expect(try fields("a,\u{FEFF}b\n") == [["a", "\u{FEFF}b"]])
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF, 0x22, 0x78, 0x22]
        #expect(try CSVReader().records(bytes).map(\.fields) == [["x"]])
    }

    @Test("empty lines are records of one empty field; a final empty field is kept")
    func emptyLinesAndFields() throws {
        let records = try CSVReader().records("a,b\n\n1,\n")
        #expect(records.map(\.fields) == [["a", "b"], [""], ["1", ""]])
        #expect(records.map(\.isEmptyLine) == [false, true, false])
        #expect(try CSVReader().records("\"\"\n").first?.isEmptyLine == false)
        #expect(try fields("") == [])
    }

    @Test("spaces are kept: trimming is the caller's choice")
    func spacesKept() throws {
        #expect(try fields(" a , b \n") == [[" a ", " b "]])
    }

    @Test("the semicolon delimiter, and its detection on the header")
    func semicolon() throws {
        #expect(try fields("a;\"b;c\";1,5\n", delimiter: CSVScanner.semicolon) == [["a", "b;c", "1,5"]])
        func detect(_ s: String) -> UInt8 {
            Array(s.utf8).withUnsafeBytes { CSVScanner.detectDelimiter($0, start: 0) }
        }
        #expect(detect("a;b;c\n1,2,3") == CSVScanner.semicolon)
        #expect(detect("\"a,b,c\";d;e\n") == CSVScanner.semicolon)
        #expect(detect("a,b\n") == CSVScanner.comma)
    }

    @Test("columns count characters, not bytes, from the start of the line")
    func columns() throws {
        let records = try CSVReader().records("é,\"ü\",x\n\"a\nbc\",d\n")
        #expect(records[0].columns == [1, 3, 7])
        // The second field of the second record starts on the record's second line.
        #expect(records[1].columns == [1, 5])
    }

    @Test("an unclosed quote is an error at the opening quote")
    func unterminated() {
        #expect(throws: CSVError.unterminatedQuote(line: 3, column: 3)) {
            try CSVReader().records("a,b\n1,2\n3,\"4\n5\n")
        }
        let error = CSVError.unterminatedQuote(line: 3, column: 3)
        #expect(error.description == "3:3: quoted field is not closed")
    }

    @Test("text after a closing quote is an error at that text, on its physical line")
    func textAfterQuote() {
        #expect(throws: CSVError.textAfterClosingQuote(line: 3, column: 3)) {
            try CSVReader().records("a,b\n\"x\ny\"z,1\n")
        }
        #expect(throws: CSVError.textAfterClosingQuote(line: 1, column: 6)) {
            try CSVReader().records("a,\"b\"c\n")
        }
    }

    @Test("the records before an error are returned with it")
    func recordsBeforeError() {
        let (records, error) = CSVReader().recordsBeforeError(Array("a,b\n1,2\n\"3\n".utf8))
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(error == .unterminatedQuote(line: 3, column: 1))
        let clean = CSVReader().recordsBeforeError(Array("a\n".utf8))
        #expect(clean.error == nil)
    }

    @Test("invalid UTF-8 is repaired, not refused")
    func invalidUTF8() throws {
        let bytes: [UInt8] = [0x61, 0x2C, 0xFF, 0x0A]
        #expect(try CSVReader().records(bytes).map(\.fields) == [["a", "\u{FFFD}"]])
    }
}
