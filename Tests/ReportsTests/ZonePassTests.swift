import Foundation
import CSV
import KendaliData
import Testing
@testable import Reports

@Suite("The zone pass and the data files, however the work is split")
struct ZonePassTests {
    /// Everything a pass computes, as comparable text (dictionaries in key order).
    private func summary(_ pass: ZonePass) -> String {
        func sorted<V>(_ d: [Int64: V]) -> String {
            d.keys.sorted().map { "\($0)=\(String(describing: d[$0]))" }.joined(separator: ";")
        }
        return [
            String(describing: pass.cooperatives), String(describing: pass.dates),
            String(describing: pass.tallies), String(describing: pass.everGreen),
            sorted(pass.childLatest), sorted(pass.childPrevious), sorted(pass.childPortalLandNotReady),
            String(describing: pass.stagesLatest), String(describing: pass.stagesPrevious),
            String(describing: pass.meanProgressBuilding), String(describing: pass.ranges),
        ].joined(separator: "\n")
    }

    @Test(arguments: [AdminLevel.province, .regency, .district])
    func blocksGiveTheSamePass(level: AdminLevel) throws {
        let history = ReportFixtures.history()
        #expect(!history.weeks.isEmpty)
        let first = try #require(ReportFixtures.codes.first)
        let unit = AdminUnit(first, at: level)
        let child = ReportBuilder.childLevel(of: level)
        let one = ZonePass(weeks: history.weeks, unit: unit, childLevel: child, rules: .default, blocks: 1)
        #expect(!one.cooperatives.isEmpty)
        for blocks in [2, 3, 7, 50] {
            let split = ZonePass(weeks: history.weeks, unit: unit, childLevel: child, rules: .default, blocks: blocks)
            #expect(summary(split) == summary(one), "blocks: \(blocks)")
        }
    }

    @Test func namesAreTheLastNonEmptyOnes() throws {
        var history = ReportFixtures.history()
        let last = history.weeks.count - 1
        // Cooperative 0 reports an empty village and no name in the latest week, and a new
        // district name the week before.
        history.weeks[last].records[0].desa = ""
        history.weeks[last].records[0].nama = nil
        history.weeks[last - 1].records[0].kecamatan = "Kecamatan Baru"
        let before = history.weeks[last - 1].records[0]
        let unit = AdminUnit(level: .province, code: 52)
        for blocks in [1, 2] {
            let pass = ZonePass(weeks: history.weeks, unit: unit, childLevel: .regency, rules: .default, blocks: blocks)
            let names = pass.names(of: 0)
            #expect(names.desa == before.desa)
            #expect(names.nama == before.nama)
            #expect(names.kecamatan == history.weeks[last].records[0].kecamatan)
        }
    }

    @Test func warningLinesFindTheirReport() throws {
        let history = ReportFixtures.history()
        var week = try #require(history.weeks.last)
        let codes = week.records.map(\.kode)
        // Lines 2, 3, … as read; then the same line twice (the later report wins), and
        // lines far apart or negative (looked up by dictionary instead).
        let plain = ReportBuilder.LineCodes(week: week, rows: 0..<week.records.count, needed: true)
        #expect(plain[week.recordLines[4]] == codes[4])
        #expect(plain[0] == nil)
        #expect(plain[-1] == nil)
        #expect(plain[1_000_000] == nil)
        week.recordLines[5] = week.recordLines[4]
        let twice = ReportBuilder.LineCodes(week: week, rows: 0..<week.records.count, needed: true)
        #expect(twice[week.recordLines[4]] == codes[5])
        let partial = ReportBuilder.LineCodes(week: week, rows: 0..<3, needed: true)
        #expect(partial[week.recordLines[4]] == nil)
        #expect(partial[week.recordLines[2]] == codes[2])
        for far in [10_000_000, -7] {
            var odd = week
            odd.recordLines[1] = far
            let lookup = ReportBuilder.LineCodes(week: odd, rows: 0..<odd.records.count, needed: true)
            #expect(lookup[far] == codes[1])
            #expect(lookup[odd.recordLines[2]] == codes[2])
            #expect(lookup[12_345_678] == nil)
        }
        #expect(ReportBuilder.LineCodes(week: week, rows: 0..<week.records.count, needed: false)[week.recordLines[2]] == nil)
    }

    /// The CSV field written the slow, obvious way: the reference the fast paths must match.
    /// Quoting looks at Unicode scalars, so a CR LF pair (one `Character`) is quoted too.
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
