import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Counts, in an SVG, the `rect`s inside each group labelled by `aria-label`.
private final class LabelledRects: NSObject, XMLParserDelegate {
    private var stack: [String?] = []
    private(set) var groups: [String: Int] = [:]
    private(set) var rects: [String: Int] = [:]

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        if elementName == "rect", let label = stack.last(where: { $0 != nil }) ?? nil {
            rects[label, default: 0] += 1
        }
        let label = elementName == "g" ? attributeDict["aria-label"] : nil
        if let label { groups[label, default: 0] += 1 }
        stack.append(label)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        _ = stack.popLast()
    }
}

/// `kendali backtest`'s calibration outputs on the hand-made world of ``ForecastCLITests``:
/// the half-count coverage, the pinball losses, the PIT counts in JSON and the PIT SVG.
@Suite("kendali backtest calibration")
struct BacktestCalibrationTests {
    @Test("CSV and JSON gain the half-count coverage, the pinball losses and the PIT counts")
    func scores() throws {
        let folder = try ForecastCLITests.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = ["backtest", folder.path, "--paths", "30", "--cutoffs", ForecastCLITests.date(14)]
        let csv = runKendali(base + ["--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let table = ForecastCLITests.rows(csv.stdout)
        let header = try #require(table.first)
        #expect(Array(header.prefix(10)) == ["cutoff", "method", "forecast", "censored", "scored", "mae_weeks",
                                              "bias_weeks", "coverage_p10_p90", "crps_weeks", "concordance"])
        #expect(Array(header.dropFirst(10)) == ["coverage_p10_p90_half_ends", "pinball_p10_weeks",
                                                 "pinball_p50_weeks", "pinball_p90_weeks"])
        let model = try #require(table.first { $0.count > 1 && $0[1] == "model" })
        let both = try #require(Double(model[7])), half = try #require(Double(model[10]))
        #expect(half <= both)
        let mae = try #require(Double(model[5])), p50 = try #require(Double(model[12]))
        #expect(abs(2 * p50 - mae) < 0.002)
        let linear = try #require(table.first { $0.count > 1 && $0[1] == "linear" })
        #expect(linear[10].isEmpty && !linear[11].isEmpty)

        let json = runKendali(base + ["--format", "json"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"pit_bins\": [0, 0.1, 0.5, 0.9, 1]"))
        #expect(json.stdout.contains("\"coverage_p10_p90_half_ends\": "))
        #expect(json.stdout.contains("\"pinball_p90_weeks\": "))
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let cutoffs = try #require(object?["cutoffs"] as? [[String: Any]])
        let scores = try #require(cutoffs.first?["scores"] as? [[String: Any]])
        for s in scores {
            let counts = try #require(s["pit_counts"] as? [Double])
            let scored = try #require(s["scored"] as? Double)
            #expect(counts.count == 4)
            #expect(abs(counts.reduce(0, +) - scored) < 1e-6)
        }
    }

    @Test("--pit writes a well-formed SVG: four bars per series per cut-off")
    func pitChart() throws {
        let folder = try ForecastCLITests.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("pit.svg")
        let cutoffs = ForecastCLITests.date(12) + "," + ForecastCLITests.date(16)
        let r = runKendali(["backtest", folder.path, "--paths", "30", "--cutoffs", cutoffs, "--pit", svg.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("P10–P90 cover*"))
        let text = try String(contentsOf: svg, encoding: .utf8)
        let check = LabelledRects()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = check
        #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(text.contains("PIT histogram"))
        // Two cut-offs: a group per series per panel, four bins each (solid bars: one rect each).
        #expect(check.groups["Calibrated (bin width)"] == 2)
        #expect(check.groups["Model"] == 2)
        #expect(check.rects["Calibrated (bin width)"] == 8)
        #expect(check.rects["Model"] == 8)
        #expect(check.groups["Outside forecast (--compare)"] == nil)
    }

    @Test("--pit with --compare draws the outside forecast too")
    func pitChartCompare() throws {
        let folder = try ForecastCLITests.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cut = ForecastCLITests.date(14)
        let forecast = runKendali(["forecast", folder.path, "--as-of", cut, "--format", "csv", "--paths", "30"])
        #expect(forecast.status == 0, "\(forecast.stderr)")
        // Outputs outside the snapshot folder (every CSV in it is read as a snapshot).
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kendali-pit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let compare = out.appendingPathComponent("outside.csv")
        try Data(forecast.stdout.utf8).write(to: compare)
        let svg = out.appendingPathComponent("pit.svg")
        let r = runKendali(["backtest", folder.path, "--paths", "30", "--cutoffs", cut,
                            "--compare", compare.path, "--pit", svg.path])
        #expect(r.status == 0, "\(r.stderr)")
        let check = LabelledRects()
        let parser = XMLParser(data: try Data(contentsOf: svg))
        parser.delegate = check
        #expect(parser.parse())
        #expect(check.groups["Outside forecast (--compare)"] == 1)
        // A patterned bar draws its fill and its texture: two rects a bin.
        #expect(check.rects["Outside forecast (--compare)"] == 8)
        #expect(check.rects["Model"] == 4)
    }
}
