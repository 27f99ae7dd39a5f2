import Foundation
import Testing
@testable import Charts

/// Golden-file tests: sample charts compared byte for byte (after stripping volatile parts)
/// with files in `Golden/`. Run with `UPDATE_GOLDEN=1` to rewrite the files after an
/// intended change, then review the diff.
@Suite("Golden SVG files", .serialized)
struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden", isDirectory: true)

    /// Removes parts that may legitimately vary between runs. The renderer writes none, but
    /// a generator comment would be stripped here.
    static func stripVolatile(_ svg: String) -> String {
        svg.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("<!--") }
            .joined(separator: "\n")
    }

    static let cases: [(String, String)] = [
        ("stacked-area", Samples.stackedArea.svg(SVGOptions(idPrefix: "stacked"))),
        ("burn-up", Samples.burnUp.svg(SVGOptions(idPrefix: "burnup"))),
        ("factor-bars", Samples.factorBars.svg(SVGOptions(idPrefix: "factors"))),
        ("survival-steps", Samples.survival.svg(SVGOptions(idPrefix: "survival"))),
        ("small-multiples", Samples.sCurves.svg(SVGOptions(idPrefix: "curves"))),
        ("heat-table", Samples.heatTable.svg(SVGOptions(idPrefix: "heat"))),
        ("grouped-bars", Samples.groupedBars.svg(SVGOptions(idPrefix: "grouped"))),
    ]

    @Test("rendered charts match the golden files", arguments: GoldenTests.cases.map(\.0))
    func matchesGolden(name: String) throws {
        let rendered = try #require(Self.cases.first { $0.0 == name }?.1)
        let url = Self.directory.appendingPathComponent(name + ".svg")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try rendered.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(Self.stripVolatile(rendered) == Self.stripVolatile(expected),
                "\(name).svg differs; rerun with UPDATE_GOLDEN=1 and review the diff")
    }

    @Test("golden files are well-formed XML")
    func goldenFilesParse() throws {
        for (name, _) in Self.cases {
            let url = Self.directory.appendingPathComponent(name + ".svg")
            let text = try String(contentsOf: url, encoding: .utf8)
            let check = XMLCheck.parse(text)
            #expect(check.isWellFormed, "\(name): \(String(describing: check.error))")
        }
    }
}
