import Foundation
import Testing
@testable import Charts

@Suite("SVG rendering")
struct ChartRenderingTests {
    static let samples: [(String, String)] = [
        ("stacked area", Samples.stackedArea.svg()),
        ("burn-up", Samples.burnUp.svg()),
        ("factor bars", Samples.factorBars.svg()),
        ("survival steps", Samples.survival.svg()),
        ("small multiples", Samples.sCurves.svg()),
        ("heat table", Samples.heatTable.svg()),
        ("grouped bars", Samples.groupedBars.svg()),
        ("threshold heat table", HeatTable(
            columns: ["A", "B"], rows: [HeatTable.Row("r", values: [0.1, 0.9])],
            colorScale: .thresholds([0.5], colors: [Palette.statusBad, Palette.statusGood],
                                    labels: ["Low", "High"])).svg()),
        ("forest plot", Chart(
            xAxis: .numeric("Effect"), yAxis: .categorical(categories: ["b", "a"]),
            marks: [
                .bars(BarMark("Estimate", bars: [Bar("a", value: 1, lower: 0.5, upper: 2), Bar("b", value: -1, lower: -2, upper: 0.2)],
                              style: .dot)),
                .rule(RuleMark(.x(0), dash: .solid)),
            ], theme: .varyingDashes).svg()),
        ("right legend", Chart(
            xAxis: .numeric(), yAxis: .numeric(),
            marks: [.line(LineMark("a", points: [DataPoint(x: 0, y: 1), DataPoint(x: 1, y: 2)]))],
            legend: .right).svg()),
    ]

    @Test("every chart type is well-formed, accessible SVG", arguments: ChartRenderingTests.samples.map(\.0))
    func wellFormed(name: String) throws {
        let svg = try #require(Self.samples.first { $0.0 == name }?.1)
        let check = XMLCheck.parse(svg)
        #expect(check.isWellFormed, "\(String(describing: check.error))")
        #expect(check.elements.first == "svg")
        let root = try #require(check.attributes.first)
        #expect(root["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root["version"] == "1.1")
        #expect(root["role"] == "img")
        #expect(root["viewBox"]?.hasPrefix("0 0 ") == true)
        #expect(root["width"] != nil && root["height"] != nil)
        // aria-labelledby names the <title> and <desc> ids, which come first.
        let labelled = (root["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
        #expect(labelled.count == 2)
        #expect(check.elements.dropFirst().prefix(2) == ["title", "desc"])
        #expect(Array(check.attributes.dropFirst().prefix(2).map { $0["id"] ?? "" }) == labelled)
        // Every url(#id) refers to an id defined in the document; nothing external.
        let ids = Set(check.attributes.compactMap { $0["id"] })
        for attributes in check.attributes {
            for value in attributes.values where value.contains("url(") {
                let id = value.replacingOccurrences(of: "url(#", with: "").replacingOccurrences(of: ")", with: "")
                #expect(ids.contains(id), "dangling reference \(value)")
            }
            #expect(attributes["href"] == nil && attributes["xlink:href"] == nil)
        }
        #expect(!check.elements.contains("script") && !check.elements.contains("image"))
        #expect(!svg.contains("@import") && !svg.contains("http://") || svg.components(separatedBy: "http://").count == 2)
    }

    @Test("coordinates are plain decimals with at most two fraction digits")
    func coordinateFormat() throws {
        let numeric: Set<String> = ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height"]
        for (name, svg) in Self.samples {
            let check = XMLCheck.parse(svg)
            for attributes in check.attributes {
                for (key, value) in attributes where numeric.contains(key) {
                    let ok = value.range(of: #"^-?[0-9]+(\.[0-9]{1,2})?$"#, options: .regularExpression) != nil
                    #expect(ok, "\(name): \(key)=\(value)")
                }
            }
        }
    }

    @Test("standalone output has an XML prolog, inline output does not")
    func embedding() {
        let chart = Samples.factorBars
        #expect(chart.svg().hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\""))
        let inline = chart.svg(SVGOptions(embedding: .inline, idPrefix: "f1"))
        #expect(inline.hasPrefix("<svg "))
        #expect(inline.contains("id=\"f1-title\""))
        #expect(XMLCheck.parse(inline).isWellFormed)
    }

    @Test("output is deterministic")
    func deterministic() {
        #expect(Samples.burnUp.svg() == Samples.burnUp.svg())
        #expect(Samples.sCurves.svg() == Samples.sCurves.svg())
        #expect(Samples.heatTable.svg() == Samples.heatTable.svg())
    }

    static let evil = "<script>alert(1)</script> & \"quotes\" 'apostrophes'"

    @Test("caller text is escaped everywhere and stays text")
    func escaping() throws {
        let e = Self.evil
        let evilFormat = NumberFormat { _, _ in e }
        let chart = Chart(
            title: e, subtitle: e, xAxis: .date(e, format: DateFormat { _ in e }),
            yAxis: .numeric(e, format: evilFormat),
            marks: [
                .line(LineMark(e, points: [DataPoint(day: 20_000, y: 1), DataPoint(day: 20_030, y: 3)], directLabel: true)),
                .band(BandMark(e + "band", points: [BandPoint(day: 20_000, lower: 0, upper: 2)])),
                .rule(.day(20_010, label: e)),
                .text(TextMark(e, at: DataPoint(day: 20_005, y: 2))),
            ])
        let bars = Chart(
            title: e, xAxis: .categorical(e), yAxis: .numeric(),
            marks: [.bars(BarMark(e, bars: [Bar(e, value: 2)], showsValues: true, valueFormat: evilFormat))])
        let grid = SmallMultiples(
            title: e, panels: [SmallMultiples.Panel(title: e, marks: [.line(LineMark(e, points: [DataPoint(x: 0, y: 0)]))])],
            xAxis: .numeric(e), yAxis: .numeric(e))
        let table = HeatTable(
            title: e, cornerLabel: e, columns: [e], rows: [HeatTable.Row(e, values: [1], cellTexts: [e])],
            colorScale: .sequential(domain: 0...1), legendTitle: e)
        for svg in [chart.svg(), bars.svg(), grid.svg(), table.svg(SVGOptions(embedding: .inline))] {
            #expect(!svg.contains("<script"))
            #expect(!svg.contains("\"quotes\""))
            #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &apos;apostrophes&apos;"))
            let check = XMLCheck.parse(svg)
            #expect(check.isWellFormed, "\(String(describing: check.error))")
            #expect(!check.elements.contains("script"))
            #expect(check.texts.contains(e))
        }
    }

    @Test("NaN and infinite values are skipped, never written")
    func nonFinite() throws {
        let bad: [Double] = [.nan, .infinity, -.infinity]
        var points = (0..<10).map { DataPoint(x: Double($0), y: Double($0 * $0)) }
        points[4].y = .nan
        points[7].x = .infinity
        let chart = Chart(
            xAxis: .numeric(), yAxis: .numeric(),
            marks: [
                .line(LineMark("line", points: points, directLabel: true)),
                .band(BandMark("band", points: (0..<5).map {
                    BandPoint(x: Double($0), lower: $0 == 2 ? .nan : 0, upper: 5)
                })),
                .stackedArea(StackedAreaMark(x: [0, 1, 2, 3], layers: [
                    AreaLayer("a", values: [1, .infinity, 2, 3]), AreaLayer("b", values: [1, 1]),
                ])),
                .points(PointMark("pts", points: bad.map { DataPoint(x: $0, y: 1) })),
                .rule(RuleMark(.x(.nan), label: "never")),
                .text(TextMark("nowhere", at: DataPoint(x: .nan, y: 1))),
            ])
        let bars = Chart(
            xAxis: .categorical(), yAxis: .numeric(),
            marks: [.bars(BarMark("b", bars: [Bar("x", value: .nan, lower: .nan, upper: 3), Bar("y", value: 2)],
                                  showsValues: true))])
        let table = HeatTable(
            columns: ["a", "b"], rows: [HeatTable.Row("r", values: [.nan, .infinity])],
            colorScale: .sequential(domain: 0...1))
        let allBad = Chart(
            xAxis: .date(), yAxis: .numeric(),
            marks: [.line(LineMark("all missing", points: bad.map { DataPoint(x: $0, y: $0) }))])
        let flat = Chart(
            xAxis: .numeric(), yAxis: .numeric(),
            marks: [.line(LineMark("flat", points: [DataPoint(x: 3, y: 7), DataPoint(x: 3, y: 7)]))])
        let empty = Chart(xAxis: .numeric(), yAxis: .numeric(), marks: [])
        for svg in [chart.svg(), bars.svg(), table.svg(), allBad.svg(), flat.svg(), empty.svg()] {
            let lower = svg.lowercased()
            #expect(!lower.contains("nan"))
            #expect(!lower.contains("inf"))
            #expect(XMLCheck.parse(svg).isWellFormed)
        }
        // The line breaks at the NaN and at the infinite x: three paths.
        let check = XMLCheck.parse(chart.svg())
        let lineGroup = try #require(check.attributes.firstIndex { $0["aria-label"] == "line" })
        let paths = check.attributes[(lineGroup + 1)...].prefix(3).filter { ($0["d"] ?? "").hasPrefix("M") }
        #expect(paths.count == 3)
        #expect(!check.texts.contains("never"))
        #expect(!check.texts.contains("nowhere"))
    }

    @Test("every series carries a text label in the legend; direct labels when asked")
    func legendText() throws {
        let texts = XMLCheck.parse(Samples.stackedArea.svg()).texts
        for label in ["Good", "Caution", "Bad", "Today"] { #expect(texts.contains(label)) }
        let survival = XMLCheck.parse(Samples.survival.svg()).texts
        #expect(survival.filter { $0 == "Group A" }.count == 2)  // legend and direct label
        let burnUp = XMLCheck.parse(Samples.burnUp.svg()).texts
        for label in ["P10–P90", "Observed", "P50 forecast", "Today", "Target date"] { #expect(burnUp.contains(label)) }
    }

    @Test("localised tick labels reach the SVG")
    func localisedTicks() {
        let texts = XMLCheck.parse(Samples.stackedArea.svg()).texts
        #expect(texts.contains("7 Mar 2025"))
        #expect(texts.contains("2 Mei"))
        #expect(texts.contains("1.000"))
        let bars = XMLCheck.parse(Samples.factorBars.svg()).texts
        #expect(bars.contains("6,4") && bars.contains("-1,6"))
    }

    @Test("series with the same label share a colour across small-multiple panels")
    func sharedStyles() {
        let check = XMLCheck.parse(Samples.sCurves.svg())
        let strokes = Set(check.attributes.filter { ($0["d"] ?? "").hasPrefix("M") && $0["fill"] == "none" }
            .compactMap { $0["stroke"] })
        #expect(strokes == [Palette.blue.hex])
    }

    @Test("a generated description names the axes and the series")
    func description() {
        let check = XMLCheck.parse(Samples.burnUp.svg())
        let desc = check.texts.first { $0.contains("Horizontal axis") } ?? ""
        #expect(desc.contains("Vertical axis (Units completed)"))
        #expect(desc.contains("Series: P10–P90, Observed, P50 forecast."))
        let custom = Chart(summary: "Custom words", xAxis: .numeric(), yAxis: .numeric(), marks: []).svg()
        #expect(XMLCheck.parse(custom).texts.contains("Custom words"))
    }

    @Test("degenerate inputs render well-formed documents")
    func degenerateInputs() {
        let documents = [
            HeatTable(columns: [], rows: [], colorScale: .sequential(domain: 0...1)).svg(),
            HeatTable(columns: ["a", "b"], rows: [HeatTable.Row("short", values: [1])],
                      colorScale: .thresholds([], colors: [Palette.grey])).svg(),
            SmallMultiples(panels: [], columns: 0, xAxis: .numeric(), yAxis: .numeric()).svg(),
            Chart(width: -5, height: .nan, xAxis: .categorical(), yAxis: .numeric(),
                  marks: [.line(LineMark("on a band axis", points: [DataPoint(x: 1, y: 1)]))]).svg(),
            Chart(xAxis: .numeric(), yAxis: .numeric(), marks: [.bars(BarMark(bars: [Bar("x", value: 1)]))]).svg(),
        ]
        for svg in documents {
            let check = XMLCheck.parse(svg)
            #expect(check.isWellFormed, "\(String(describing: check.error))")
            #expect(check.elements.first == "svg")
            #expect(!svg.lowercased().contains("nan"))
        }
    }
}
