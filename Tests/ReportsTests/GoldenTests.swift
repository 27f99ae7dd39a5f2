import AnalysisFixtures
import Foundation
import Testing
@testable import Reports

/// Golden files: the Markdown report and one chart of the fixture world, byte for byte,
/// with the volatile generation time stripped. The expected texts live in
/// `GoldenReport.swift`; when a change is intended, the test writes the new text to a
/// temporary file named in the failure, to be reviewed and pasted in.
@Suite("Golden files")
struct GoldenTests {
    /// The text with the generation-time line replaced by a marker.
    static func stripVolatile(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("Dibuat pada ") || line.hasPrefix("Generated at ") ? "<generated>" : String(line)
        }.joined(separator: "\n")
    }

    func check(_ actual: String, _ expected: String, name: String) {
        guard actual != expected else { return }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kendali-golden-\(name).txt")
        try? Data(actual.utf8).write(to: url)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
        Issue.record("""
            \(name) differs from its golden text at line \(line + 1):
              expected: \(line < e.count ? String(e[line]) : "<end>")
              actual:   \(line < a.count ? String(a[line]) : "<end>")
            the actual text is in \(url.path)
            """)
    }

    @Test func markdownReport() throws {
        let (_, doc) = try FixtureWorld.report(weeks: 16, generatedAt: "2026-11-28 09:15 UTC")
        let markdown = MarkdownRenderer.render(doc)
        #expect(markdown.contains("Dibuat pada 2026-11-28 09:15 UTC."))
        check(Self.stripVolatile(markdown), GoldenReport.markdown, name: "report-md")
    }

    @Test func trendChart() throws {
        let (_, doc) = try FixtureWorld.report(language: .en, weeks: 16)
        let svg = try #require(doc.chart(named: "trend")).chart.svg()
        check(svg, GoldenReport.trendSVG, name: "trend-svg")
    }

    @Test func strippingRemovesOnlyTheTimestamp() {
        #expect(Self.stripVolatile("a\nDibuat pada 2026-01-01 00:00 UTC.\nb") == "a\n<generated>\nb")
        #expect(Self.stripVolatile("Generated at now.") == "<generated>")
        #expect(Self.stripVolatile("Dibuat oleh kendali") == "Dibuat oleh kendali")
    }
}
