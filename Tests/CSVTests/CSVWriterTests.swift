import CSV
import Randomness
import Testing

@Suite("CSV writer and JSON strings")
struct CSVWriterTests {
    @Test("fields are quoted only when RFC 4180 needs it", arguments: [
        ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""), ("cr\rhere", "\"cr\rhere\""), ("crlf\r\nhere", "\"crlf\r\nhere\""),
        (" lead", "\" lead\""), ("trail ", "trail "), ("tab\there", "tab\there"), ("a;b", "a;b"),
        ("Désa Ümar", "Désa Ümar"), ("é,", "\"é,\""),
    ])
    func spreadsheetQuoting(input: String, expected: String) {
        #expect(CSVWriter.field(input) == expected)
    }

    @Test("the formula guard: text starting with =, +, - or @ gets a leading quote mark", arguments: [
        ("=1+1", "'=1+1"), ("+x", "'+x"), ("-x", "'-x"), ("@home", "'@home"), ("=", "'="),
        ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""), ("-3", "-3"), ("+7.5", "+7.5"),
        ("-1e5", "-1e5"), ("a=b", "a=b"),
    ])
    func formulaGuard(input: String, expected: String) {
        #expect(CSVWriter.field(input) == expected)
    }

    @Test("the exact rule: no guard; `;` and edge blanks quoted")
    func exactRule() {
        #expect(CSVWriter.field("=1+1", quoting: .exact) == "=1+1")
        #expect(CSVWriter.field("a;b", quoting: .exact) == "\"a;b\"")
        #expect(CSVWriter.field("trail\t", quoting: .exact) == "\"trail\t\"")
        #expect(CSVWriter.field("\tlead", quoting: .exact) == "\"\tlead\"")
        var out: [UInt8] = []
        CSVWriter.append("x \"y\"", quoting: .exact, to: &out)
        CSVWriter.append("plain", quoting: .exact, to: &out)
        CSVWriter.append("", quoting: .exact, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "\"x \"\"y\"\"\"plain")
    }

    @Test("integers are written in decimal, Int64.min included", arguments: [
        Int64(0), 7, 10, 1234567890, -1, -42, Int64.max, Int64.min,
    ])
    func integers(value: Int64) {
        var out: [UInt8] = []
        CSVWriter.append(value, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == String(value))
    }

    @Test("a record joins its fields and ends with LF")
    func record() {
        #expect(CSVWriter.record(["a", "b,c", "=x"]) == "a,\"b,c\",'=x\n")
    }

    @Test("JSON strings escape quotes, backslashes, controls and HTML-sensitive characters")
    func json() {
        #expect(JSONText.string("plain") == "\"plain\"")
        #expect(JSONText.string("<a href=\"x\">\n") == "\"\\u003ca href=\\\"x\\\"\\u003e\\n\"")
        #expect(JSONText.string("back\\slash\t&") == "\"back\\\\slash\\t\\u0026\"")
        #expect(JSONText.string("\u{1}\u{2028}") == "\"\\u0001\\u2028\"")
        #expect(JSONText.string("– é") == "\"– é\"")
    }

    /// Random fields drawn from the characters that matter to CSV (delimiters, quotes, line
    /// ends, spaces, non-ASCII) round-trip through the writer and the reader, under both
    /// rules and both delimiters.
    @Test("round trip: written records read back the same", arguments: [UInt64(1), 2, 3, 17, 2024])
    func roundTrip(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let alphabet: [String] = ["a", "Z", "0", "9", ",", ";", "\"", "\n", "\r", "\r\n", " ", "\t", "é", "–", "'", "=", "-", "@"]
        for _ in 0..<200 {
            let columns = 1 + random.below(5)
            let rows = 1 + random.below(6)
            var table: [[String]] = []
            for _ in 0..<rows {
                table.append((0..<columns).map { _ in
                    (0..<random.below(8)).map { _ in alphabet[random.below(alphabet.count)] }.joined()
                })
            }
            // A one-column record of an empty field is an empty line: give it text.
            if columns == 1 { table = table.map { $0[0].isEmpty ? ["x"] : $0 } }

            // The exact rule writes every text back as it was.
            var bytes: [UInt8] = []
            for row in table {
                for (j, value) in row.enumerated() {
                    if j > 0 { bytes.append(CSVScanner.comma) }
                    CSVWriter.append(value, quoting: .exact, to: &bytes)
                }
                bytes.append(CSVScanner.lf)
            }
            #expect(try CSVReader().records(bytes).map(\.fields) == table)
            // The same bytes split the same under `;` only when no `,` is unquoted: the
            // exact rule quotes both, so a semicolon file of the same fields reads back too.
            let semicolonText = table.map { row in
                row.map { CSVWriter.field($0, quoting: .exact) }.joined(separator: ";") + "\n"
            }.joined()
            #expect(try CSVReader(delimiter: CSVScanner.semicolon).records(semicolonText).map(\.fields) == table)

            // The spreadsheet rule reads back the same but for the formula guard's mark.
            let text = table.map { CSVWriter.record($0) }.joined()
            let expected = table.map { row in
                row.map { value in
                    guard let first = value.first, "=+-@".contains(first), Double(value) == nil else { return value }
                    return "'" + value
                }
            }
            #expect(try CSVReader().records(text).map(\.fields) == expected)
        }
    }
}
