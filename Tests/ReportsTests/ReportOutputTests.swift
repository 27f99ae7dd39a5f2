import Analysis
import AnalysisFixtures
import Foundation
import KendaliData
import Testing
@testable import Reports

@Suite("index.html, report.md, charts and data")
struct ReportOutputTests {
    func files(_ language: ReportLanguage = .id, forecast: Bool = false) throws -> [String: String] {
        let (_, doc) = try FixtureWorld.report(language: language, forecast: forecast)
        return Dictionary(ReportWriter.files(for: doc).map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
    }

    @Test(arguments: [ReportLanguage.id, .en])
    func everySVGIsWellFormedXML(_ language: ReportLanguage) throws {
        let out = try files(language)
        let svgs = out.filter { $0.key.hasSuffix(".svg") }
        #expect(Set(svgs.keys).isSuperset(of: ["charts/trend.svg", "charts/burnup.svg", "charts/km.svg",
                                               "charts/scurves.svg", "charts/breakdown.svg"]))
        for (path, svg) in svgs {
            #expect(xmlError(svg) == nil, "\(path): \(xmlError(svg) ?? "")")
            #expect(svg.contains("<title"), "\(path) has no <title>")
            #expect(svg.contains("<desc"), "\(path) has no <desc>")
        }
        let html = try #require(out["index.html"])
        let inline = inlineSVGs(html)
        #expect(inline.count == svgs.count)
        for svg in inline { #expect(xmlError(svg) == nil) }
        // Ids stay unique across the inline charts.
        var ids: [String] = []
        for svg in inline {
            var rest = svg[...]
            while let r = rest.range(of: " id=\"") {
                let tail = rest[r.upperBound...]
                if let end = tail.firstIndex(of: "\"") { ids.append(String(tail[..<end])) }
                rest = tail
            }
        }
        #expect(Set(ids).count == ids.count)
    }

    @Test("every cooperative in one table: code as typed, what it misses, left out in print, a CSV")
    func everyCooperative() throws {
        let (analysis, doc) = try FixtureWorld.report(forecast: true)
        let table = try #require(doc.table(named: "cooperatives"))
        #expect(table.rows.count == analysis.cooperatives.rows.count)
        #expect(table.rows.count == FixtureWorld.codes.count)
        #expect(table.columns.map(\.key) == ["kode_koperasi", "nama_koperasi", "desa", "kecamatan", "zone", "missing_for_green",
                                             "tahap", "progress", "p50", "p90", "p50_p90", "main_delay", "weeks_silent",
                                             "kabupaten"])
        // The code as planners type it, ten digits without dots.
        #expect(table.rows.first?.first == .text(String(FixtureWorld.codes[0].value)))
        // Green rows miss nothing; the others name at least one criterion.
        for (row, cells) in zip(analysis.cooperatives.rows, table.rows) {
            #expect((row.zone == .hijau) == row.missingForGreen.isEmpty)
            if row.zone != .hijau { #expect(cells[5] != .empty) }
        }
        let out = Dictionary(ReportWriter.files(for: doc).map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        let html = try #require(out["index.html"])
        #expect(html.contains("<div class=\"findable\">"))
        #expect(html.contains(">" + String(FixtureWorld.codes[5].value) + "</td>"))
        #expect(html.contains(".findable { display: none; }"))
        #expect(html.contains("data/cooperatives.csv"))
        let csv = try #require(out["data/cooperatives.csv"])
        #expect(csv.hasPrefix("kode_koperasi,nama_koperasi,desa,kecamatan,zone,missing_for_green,tahap,progress,p50,p90,main_delay,weeks_silent,kabupaten\n"))
        // The burn-up's data keeps its columns and adds green this week.
        let burnup = try #require(out["data/burnup.csv"])
        #expect(burnup.hasPrefix("date,observed_green,expected_green,p10,p90,green_now\n"))
        // Delay told whole: both phases in one table, the chart with a legend of phases.
        let causes = try #require(doc.table(named: "delay_causes"))
        #expect(causes.rows.map { $0[0] } == ["before_construction", "before_construction", "during_construction",
                                            "during_construction", "during_construction", "during_construction"].map(Cell.text))
        let factors = try #require(out["charts/factors.svg"])
        #expect(factors.contains("Sebelum pembangunan") && factors.contains("Selama pembangunan"))
    }

    @Test("a national report: the every-cooperative table on one page per province")
    func nationalPages() throws {
        let (_, doc) = try FixtureWorld.report(level: .national)
        #expect(doc.pages.map(\.path) == ["koperasi/52.html"])
        let out = Dictionary(ReportWriter.files(for: doc).map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        let index = try #require(out["index.html"])
        #expect(!index.contains("<div class=\"findable\">"))
        #expect(index.contains("href=\"koperasi/52.html\""))
        let page = try #require(out["koperasi/52.html"])
        #expect(page.contains("<div class=\"findable\">") && page.contains("<script>"))
        #expect(page.contains("href=\"../data/cooperatives.csv\""))
        #expect(page.contains(">" + String(FixtureWorld.codes[0].value) + "</td>"))
    }

    @Test func htmlIsSelfContained() throws {
        let html = try #require(try files()["index.html"])
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"id\">"))
        #expect(html.contains("@page { size: A4"))
        #expect(html.contains("@media print"))
        #expect(html.contains("break-inside: avoid"))
        // One inline script (the every-cooperative table's search and sort), nothing loaded.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.contains("<script>\n") && !html.contains("<script src"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<img"))
        let withoutNamespace = html.replacing("xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespace.contains("http://"))
        #expect(!withoutNamespace.contains("https://"))
        // The HTML around the charts is balanced for the elements the renderer writes.
        for tag in ["section", "table", "tbody", "tr", "figure", "div", "p", "ul", "svg"] {
            let opens = html.components(separatedBy: "<" + tag + ">").count - 1
                + html.components(separatedBy: "<" + tag + " ").count - 1
            let closes = html.components(separatedBy: "</" + tag + ">").count - 1
            #expect(opens == closes, "<\(tag)>: \(opens) opened, \(closes) closed")
        }
    }

    @Test(arguments: [ReportLanguage.id, .en])
    func dataStringsAreEscapedEverywhere(_ language: ReportLanguage) throws {
        let out = try files(language)
        let hostile = FixtureWorld.hostileName
        for (path, text) in out where !path.hasSuffix(".csv") && !path.hasSuffix(".json") {
            #expect(!text.contains(hostile), "\(path) contains the raw name")
            #expect(!text.contains("<b>"), "\(path) contains a raw <b>")
        }
        let html = try #require(out["index.html"])
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Desa A|B *x* _y_ [z] &amp; &lt;b&gt;"))
        let markdown = try #require(out["report.md"])
        #expect(markdown.contains("\\<script\\>alert(1)\\</script\\>"))
        #expect(markdown.contains("Desa A\\|B \\*x\\* \\_y\\_ \\[z\\] \\& \\<b\\>"))
        // Every Markdown table row keeps its header's column count despite `|` in the data.
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var columns: Int?
        for (k, line) in lines.enumerated() {
            guard line.hasPrefix("|") else { columns = nil; continue }
            let pipes = line.replacing("\\|", with: "").filter { $0 == "|" }.count
            if columns == nil, k + 1 < lines.count, lines[k + 1].hasPrefix("|"), lines[k + 1].contains("---") {
                columns = pipes
            }
            #expect(pipes == columns, "\(line)")
        }
        // The S-curve chart names the cooperative, escaped as XML text.
        let scurves = try #require(out["charts/scurves.svg"])
        let zones = try #require(out["charts/breakdown.svg"])
        #expect(!scurves.contains("<script>"))
        #expect(XMLText.parse(scurves).text.contains(hostile))
        #expect(XMLText.parse(zones).error == nil)
        // Programs get the raw text back.
        let changes = try #require(out["data/scurve_cooperatives.json"])
        #expect(changes.contains("\\u003cscript\\u003e") || !changes.contains("script"))
    }

    @Test func everyShownTableIsInData() throws {
        let (_, doc) = try FixtureWorld.report()
        let out = Set(ReportWriter.files(for: doc).map(\.path))
        for section in doc.sections {
            for case let .table(name, _, _) in section.blocks {
                #expect(out.contains("data/\(name).csv"))
                #expect(out.contains("data/\(name).json"))
            }
            for case let .figure(name, _) in section.blocks {
                #expect(out.contains("charts/\(name).svg"))
            }
        }
        for table in doc.tables {
            let json = table.json()
            #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "\(table.name).json")
            let lines = table.csv().split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first.map(String.init) == table.exportedColumns.map { table.columns[$0].key }.joined(separator: ","))
        }
    }

    @Test func languagesDifferOnlyInWordsAndConventions() throws {
        let id = try files(.id)
        let en = try files(.en)
        #expect(Set(id.keys) == Set(en.keys))
        #expect(id["index.html"]?.contains("Ringkasan") == true)
        #expect(en["index.html"]?.contains("Summary") == true)
        #expect(id["report.md"]?.contains("27 November 2026") == true)
        #expect(en["report.md"]?.contains("27 November 2026") == true)
        // CSV and JSON are for programs: machine codes, ISO dates, plain numbers — the same
        // in both languages.
        for (path, text) in id where path.hasPrefix("data/") {
            #expect(text == en[path], "\(path) differs between the languages")
        }
    }

    @Test func missingInputsSayNotAvailable() throws {
        let out = try files(.id)
        let markdown = try #require(out["report.md"])
        #expect(markdown.contains("Belum tersedia: prakiraan tidak dijalankan"))
        #expect(markdown.contains("Belum tersedia: tidak ada peringkat prioritas"))
        #expect(out["data/forecast_dates.csv"] == nil)
        #expect(out["charts/factors.svg"] == nil)
        let english = try files(.en)
        #expect(english["report.md"]?.contains("Not available: no priority ranking was given") == true)
    }

    @Test func givenPrioritiesFillTheirTableWithTheirReasons() throws {
        let day = { (offset: Int) in FixtureWorld.lastDate.adding(days: 7 * offset) }
        var computed = PriorityEntry(
            kode: FixtureWorld.codes[3], zone: "kuning", intervention: "land", p50Now: day(10), p50After: day(4),
            weeksGained: 6, reason: "ignored when an explanation is given")
        computed.explanation = PriorityExplanation(
            intervention: .land, mainCause: .land, landStatus: .verifikasi, notStarted: true, from: day(1),
            p50Now: day(10), p50After: day(4), weeksGained: 6, probabilityGain: 0.25, target: day(5))
        let given = PriorityEntry(
            kode: FixtureWorld.codes[17], zone: "merah", intervention: "technical", p50Now: nil, p50After: day(8),
            weeksGained: .nan, reason: "stalled")
        let input = PriorityInput(entries: [computed, given], source: "rank.csv")
        let (_, id) = try FixtureWorld.report(priorities: input)
        let (_, en) = try FixtureWorld.report(language: .en, priorities: input)
        let rowsID = try #require(id.table(named: "priorities")).rows
        let rowsEN = try #require(en.table(named: "priorities")).rows
        #expect(rowsID.count == 2)
        let reasonColumn = try #require(id.table(named: "priorities")?.columns.firstIndex { $0.key == "reason" })
        func reason(_ row: [Cell]) -> String {
            if case let .text(t) = row[reasonColumn] { return t }
            return ""
        }
        #expect(reason(rowsID[0]).hasPrefix("Dengan penyelesaian lahan (kini verifikasi) mulai 4 Desember 2026,"))
        #expect(reason(rowsEN[0]).hasPrefix("Resolving land (now under verification) from 4 December 2026 brings the P50"))
        #expect(reason(rowsEN[0]).hasSuffix("changes by +25 pp."))
        #expect(reason(rowsID[1]) == "stalled")
        #expect(reason(rowsEN[1]) == "stalled")
        let (_, none) = try FixtureWorld.report()
        #expect(none.table(named: "priorities") == nil)
    }

    @Test func writingIsAtomic() throws {
        let (_, doc) = try FixtureWorld.report()
        let base = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("laporan")
        try ReportWriter.write(doc, to: out.path)
        let fm = FileManager.default
        #expect(fm.fileExists(atPath: out.appendingPathComponent("index.html").path))
        #expect(fm.fileExists(atPath: out.appendingPathComponent("report.md").path))
        #expect(fm.fileExists(atPath: out.appendingPathComponent("charts/trend.svg").path))
        #expect(fm.fileExists(atPath: out.appendingPathComponent("data/breakdown.csv").path))
        // Writing again replaces the report; no temporary folder is left.
        try fm.removeItem(at: out.appendingPathComponent("charts/trend.svg"))
        try ReportWriter.write(doc, to: out.path)
        #expect(fm.fileExists(atPath: out.appendingPathComponent("charts/trend.svg").path))
        #expect(try fm.contentsOfDirectory(atPath: base.path) == ["laporan"])
        // A folder that is not a report is never replaced.
        let other = base.appendingPathComponent("other")
        try fm.createDirectory(at: other, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: other.appendingPathComponent("notes.txt"))
        #expect(throws: ReportError.self) { try ReportWriter.write(doc, to: other.path) }
        #expect(try fm.contentsOfDirectory(atPath: other.path) == ["notes.txt"])
        // A missing parent: nothing is created.
        let deep = base.appendingPathComponent("missing/laporan")
        #expect(throws: ReportError.self) { try ReportWriter.write(doc, to: deep.path) }
        #expect(!fm.fileExists(atPath: base.appendingPathComponent("missing").path))
        #expect(try fm.contentsOfDirectory(atPath: base.path).sorted() == ["laporan", "other"])
    }

    @Test func forecastOutputIsValidToo() throws {
        let out = try files(.en, forecast: true)
        // The forecast's dates are listed exactly when the forecast could be made.
        #expect((out["data/forecast_dates.csv"] != nil) == (out["charts/factors.svg"] != nil))
        for (path, text) in out where path.hasSuffix(".svg") {
            #expect(xmlError(text) == nil, "\(path)")
        }
        let html = try #require(out["index.html"])
        for svg in inlineSVGs(html) { #expect(xmlError(svg) == nil) }
    }
}
