import Analysis
import AnalysisFixtures
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import KendaliData
@testable import Reports

extension FixtureWorld {
    /// The analysis of the fixture world (without the forecast unless asked) and its
    /// report document.
    static func report(
        level: ReportLevel = .province(nil), language: ReportLanguage = .id, forecast: Bool = false,
        priorities: PriorityInput? = nil, weeks: Int = weekCount, generatedAt: String? = nil
    ) throws -> (WeeklyAnalysis, ReportDocument) {
        let analysis = try analysis(level: level, forecast: forecast, priorities: priorities, weeks: weeks)
        return (analysis, ReportDocument(analysis: analysis, language: language, generatedAt: generatedAt))
    }
}

/// A new empty temporary folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("kendali-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Parses `text` as XML; returns the parser's error, or `nil` when well-formed.
func xmlError(_ text: String) -> String? {
    let check = XMLText.parse(text)
    return check.error
}

/// The character data of an XML document, and whether it parsed.
final class XMLText: NSObject, XMLParserDelegate {
    private(set) var text = ""
    private(set) var error: String?

    /// Parses `document`.
    static func parse(_ document: String) -> XMLText {
        let check = XMLText()
        let parser = XMLParser(data: Data(document.utf8))
        parser.delegate = check
        if !parser.parse() {
            check.error = parser.parserError.map { String(describing: $0) } ?? "unknown XML error"
        }
        return check
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }
}

/// The inline `<svg>…</svg>` elements of an HTML page.
func inlineSVGs(_ html: String) -> [String] {
    var out: [String] = []
    var rest = html[...]
    while let open = rest.range(of: "<svg "), let close = rest.range(of: "</svg>", range: open.upperBound..<rest.endIndex) {
        out.append(String(rest[open.lowerBound..<close.upperBound]))
        rest = rest[close.upperBound...]
    }
    return out
}
