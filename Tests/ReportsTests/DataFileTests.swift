import Foundation
import CSV
import KendaliData
import Testing
@testable import Reports

@Suite("The data files' fast paths")
struct DataFileTests {
    /// The CSV field and JSON string as written before their fast paths: the reference the
    /// fast paths must match.
    private func referenceField(_ s: String) -> String {
        var s = s
        if let first = s.first, "=+-@".contains(first), Double(s) == nil { s = "'" + s }
        if s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || s.unicodeScalars.first == " " {
            return "\"" + s.unicodeScalars.map { $0 == "\"" ? "\"\"" : String($0) }.joined() + "\""
        }
        return s
    }

    @Test func fastCSVAndJSONMatchTheGeneralPath() {
        let samples = [
            "", "a", "Koperasi Desa Merah Putih 12", "a,b", "say \"hi\"", "=1+1", "-3", "-x", "+", "@home",
            " lead", "trail ", "two\nlines", "cr\rhere", "crlf\r\nhere", "\r\n", "tab\there", "Désa Ümar",
            "\u{2028}", "a\u{2029}b", "– dash", "<b>&</b>", "back\\slash", "\u{1}", "é,", "e\u{301}",
            " \u{301}x", "=", "1e5", "-1.5",
        ]
        for s in samples {
            #expect(CSVWriter.field(s) == referenceField(s), "\(s.debugDescription)")
        }
        #expect(JSONText.string("plain text 123") == "\"plain text 123\"")
        #expect(JSONText.string("a\u{2028}b") == "\"a\\u2028b\"")
        #expect(JSONText.string("– ok") == "\"– ok\"")
        #expect(JSONText.string("x<y") == "\"x\\u003cy\"")
        #expect(JSONText.string("\u{1}") == "\"\\u0001\"")
        let table = DataTable(
            name: "t", columns: [.init("a", "A"), .init("b", "B"), .display("c", "C")],
            rows: [[.text("x,y"), .integer(3), .text("hidden")], [.text("<z>")], [.empty, .number(1.5, digits: 1)]])
        #expect(table.csv() == "a,b\n\"x,y\",3\n<z>,\n,1.5\n")
        #expect(table.json() == "[\n{\"a\":\"x,y\",\"b\":3},\n{\"a\":\"\\u003cz\\u003e\",\"b\":null},\n{\"a\":null,\"b\":1.5}\n]\n")
        #expect(DataTable(name: "e", columns: [.init("a", "A")], rows: []).json() == "[]\n")
    }
}
