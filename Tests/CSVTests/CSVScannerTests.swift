import CSV
import Testing

@Suite("CSV scanner: byte ranges, lines and problems")
struct CSVScannerTests {
    /// Splits `text` into records of field strings with their lines.
    func split(_ text: String, delimiter: UInt8 = 0x2C) -> (records: [[String]], lines: [[Int]], problems: [CSVProblem.Kind]) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw in
            var scanner = CSVScanner(bytes: raw, delimiter: delimiter, position: 0)
            var fields: [CSVField] = []
            var problems: [CSVProblem] = []
            var records: [[String]] = []
            var lines: [[Int]] = []
            while scanner.nextRecord(into: &fields, problems: &problems) != nil {
                records.append(fields.map { $0.text(in: raw) })
                lines.append(fields.map(\.line))
            }
            return (records, lines, problems.map(\.kind))
        }
    }

    @Test("RFC 4180 quoting: delimiters, doubled quotes, line breaks")
    func quoting() {
        let r = split("a,\"b,c\",\"say \"\"hi\"\"\"\n\"x\r\ny\",\"\",z")
        #expect(r.records == [["a", "b,c", "say \"hi\""], ["x\r\ny", "", "z"]])
        #expect(r.lines == [[1, 1, 1], [2, 3, 3]])
        #expect(r.problems.isEmpty)
    }

    @Test("LF, CRLF and lone CR end records and count lines, inside quotes too")
    func lineEnds() {
        let r = split("a\r\nb\rc\n\"d\re\"\nf")
        #expect(r.records == [["a"], ["b"], ["c"], ["d\re"], ["f"]])
        #expect(r.lines.map { $0[0] } == [1, 2, 3, 4, 6])
    }

    @Test("a final line without a line break keeps its empty last field")
    func trailingEmptyField() {
        #expect(split("a,b\n1,").records == [["a", "b"], ["1", ""]])
    }

    @Test("an unclosed quote and text after a closing quote are problems")
    func problems() {
        #expect(split("a,\"b\nc").problems == [.unterminatedQuote])
        let after = split("\"a\"x,b\n")
        #expect(after.problems == [.textAfterClosingQuote])
        #expect(after.records.first?.count == 2)
    }

    @Test("a problem records its line and the offset of the fault")
    func problemPlaces() {
        let bytes = Array("a\n\"b\"x\n\"c".utf8)
        bytes.withUnsafeBytes { raw in
            var scanner = CSVScanner(bytes: raw, delimiter: CSVScanner.comma, position: 0)
            var fields: [CSVField] = []
            var problems: [CSVProblem] = []
            while scanner.nextRecord(into: &fields, problems: &problems) != nil {}
            #expect(problems == [CSVProblem(kind: .textAfterClosingQuote, line: 2, offset: 5),
                                 CSVProblem(kind: .unterminatedQuote, line: 3, offset: 7)])
        }
    }

    @Test("the byte-order mark is three bytes EF BB BF, only at the start")
    func byteOrderMark() {
        #expect(([0xEF, 0xBB, 0xBF, 0x61] as [UInt8]).withUnsafeBytes { CSVScanner.byteOrderMarkLength($0) } == 3)
        #expect(([0xEF, 0xBB] as [UInt8]).withUnsafeBytes { CSVScanner.byteOrderMarkLength($0) } == 0)
        #expect(([0x61, 0xEF, 0xBB, 0xBF] as [UInt8]).withUnsafeBytes { CSVScanner.byteOrderMarkLength($0) } == 0)
    }

    @Test("semicolon delimiter detection looks at the header only, outside quotes")
    func delimiter() {
        func detect(_ s: String) -> UInt8 {
            Array(s.utf8).withUnsafeBytes { CSVScanner.detectDelimiter($0, start: 0) }
        }
        #expect(detect("a;b;c\n1,2,3") == 0x3B)
        #expect(detect("a,b,c\n1;2;3") == 0x2C)
        #expect(detect("\"a,b\";c;d\n") == 0x3B)
        #expect(detect("") == 0x2C)
    }
}
