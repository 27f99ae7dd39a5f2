import Charts

/// Deterministic sample charts shared by the rendering and golden-file tests.
enum Samples {
    static let indonesianMonths = [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ]
    /// Thousands separator `.` and decimal comma.
    static let dotsAndCommas = NumberFormat.grouped(groupingSeparator: ".", decimalSeparator: ",")

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int {
        CivilDate(year: y, month: m, day: d).map { Int($0.daysSinceEpoch) } ?? 0
    }

    /// Weekly days starting 2025-03-07 (a Friday).
    static let weeks: [Int] = (0..<20).map { day(2025, 3, 7) + 7 * $0 }

    /// Three layers whose shares shift from the last to the first over 20 weeks.
    static var stackedArea: Chart {
        let x = weeks.map(Double.init)
        let n = Double(weeks.count - 1)
        let good = weeks.indices.map { 120 + 900 * Double($0) / n }
        let caution = weeks.indices.map { 300 + 40 * Double($0 % 5) }
        let bad = weeks.indices.map { 746 - 600 * Double($0) / n }
        return Chart(
            title: "Units by class per week",
            subtitle: "Stacked counts; the total is 1.166 units",
            xAxis: .date("Week", format: .months(indonesianMonths), weekAnchor: weeks[0]),
            yAxis: .numeric("Units", format: dotsAndCommas),
            marks: [
                .stackedArea(StackedAreaMark(x: x, layers: [
                    AreaLayer("Good", values: good, color: Palette.statusGood),
                    AreaLayer("Caution", values: caution, color: Palette.statusCaution, pattern: .diagonal),
                    AreaLayer("Bad", values: bad, color: Palette.statusBad, pattern: .crossHatch),
                ])),
                .rule(.day(weeks[12], label: "Today")),
            ])
    }

    /// A burn-up with observed counts, a median forecast and a P10–P90 band, with "today"
    /// and a target date.
    static var burnUp: Chart {
        let observed = (0..<12).map { DataPoint(day: weeks[$0], y: 20 + 55 * Double($0) + Double($0 * $0)) }
        let start = weeks[11]
        let future = (0..<16).map { start + 7 * $0 }
        let median = future.enumerated().map { i, d in DataPoint(day: d, y: min(1166, 759 + 38 * Double(i))) }
        let band = future.enumerated().map { i, d in
            BandPoint(day: d, lower: min(1166, 759 + 22 * Double(i)), upper: min(1166, 759 + 60 * Double(i)))
        }
        return Chart(
            title: "Completed units: observed and forecast",
            xAxis: .date(format: .months(indonesianMonths)),
            yAxis: .numeric("Units completed", format: dotsAndCommas),
            marks: [
                .band(BandMark("P10–P90", points: band, color: Palette.blue)),
                .line(LineMark("Observed", points: observed, style: LineStyle(color: Palette.grey, marker: .circle))),
                .line(LineMark("P50 forecast", points: median, style: LineStyle(color: Palette.blue, dash: .dashed))),
                .rule(RuleMark(.y(1166), label: "Target 1.166", dash: .dotted)),
                .rule(.day(start, label: "Today")),
                .rule(.day(day(2025, 7, 4), label: "Target date", color: Palette.vermillion)),
            ])
    }

    /// Horizontal bars with interval whiskers and value labels, negative and positive.
    static var factorBars: Chart {
        Chart(
            title: "Estimated delay by factor",
            subtitle: "Weeks added, with 95% intervals",
            height: 300,
            xAxis: .numeric("Weeks of delay", format: dotsAndCommas),
            yAxis: .categorical(),
            marks: [
                .bars(BarMark(bars: [
                    Bar("Land not settled", value: 6.4, lower: 4.9, upper: 7.8, color: Palette.statusBad),
                    Bar("Permit pending", value: 3.1, lower: 1.8, upper: 4.5),
                    Bar("Remote location", value: 1.2, lower: -0.4, upper: 2.9),
                    Bar("Experienced manager", value: -1.6, lower: -2.7, upper: -0.5, color: Palette.statusGood),
                ], color: Palette.statusCaution, showsValues: true, valueFormat: dotsAndCommas, valueFractionDigits: 1)),
                .rule(RuleMark(.x(0), dash: .solid, width: 1)),
            ],
            legend: .hidden)
    }

    /// Kaplan–Meier style step curves with step bands and censoring ticks, per group.
    static var survival: Chart {
        func curve(_ rate: Double) -> [DataPoint] {
            (0...10).map { DataPoint(x: Double($0 * 4), y: pow(1 - rate, Double($0))) }
        }
        func band(_ rate: Double) -> [BandPoint] {
            (0...10).map {
                let s = pow(1 - rate, Double($0))
                let half = 0.015 * Double($0)
                return BandPoint(x: Double($0 * 4), lower: max(0, s - half), upper: min(1, s + half))
            }
        }
        return Chart(
            title: "Share not yet finished, by group",
            xAxis: .numeric("Weeks since start"),
            yAxis: .numeric("Share", domain: 0...1, format: .percent()),
            marks: [
                .band(BandMark("Group A", points: band(0.12), interpolation: .stepAfter)),
                .band(BandMark("Group B", points: band(0.06), interpolation: .stepAfter)),
                .step("Group A", points: curve(0.12), style: LineStyle(dash: .solid), directLabel: true),
                .step("Group B", points: curve(0.06), style: LineStyle(dash: .dashed), directLabel: true),
                .points(PointMark("Group A", points: [DataPoint(x: 14, y: pow(0.88, 3))], shape: .plus, size: 8)),
            ],
            legend: .bottom)
    }

    /// S-curve small multiples.
    static var sCurves: SmallMultiples {
        func logistic(_ mid: Double, _ slope: Double) -> [DataPoint] {
            (0...30).map { DataPoint(x: Double($0), y: 1 / (1 + exp(-slope * (Double($0) - mid)))) }
        }
        let groups: [(String, Double, Double)] = [
            ("North", 10, 0.5), ("South", 14, 0.35), ("East", 18, 0.4), ("West", 12, 0.6), ("Centre", 22, 0.3),
        ]
        return SmallMultiples(
            title: "Progress curves by area",
            panels: groups.map { name, mid, slope in
                SmallMultiples.Panel(title: name, marks: [
                    .points(PointMark("Observed", points: logistic(mid, slope).enumerated()
                        .filter { $0.offset % 3 == 0 }.map { DataPoint(x: $0.element.x, y: $0.element.y * 0.97) },
                        color: Palette.grey, size: 4)),
                    .line(LineMark("Fitted curve", points: logistic(mid, slope), style: LineStyle(color: Palette.blue))),
                ])
            },
            columns: 3, xAxis: .numeric("Week"), yAxis: .numeric("Share done", domain: 0...1, format: .percent()))
    }

    /// A heat table of shares with a threshold scale and a missing cell.
    static var heatTable: HeatTable {
        HeatTable(
            title: "Share per region and class",
            cornerLabel: "Region",
            columns: ["Good", "Caution", "Bad"],
            rows: [
                HeatTable.Row("North Coast", values: [0.62, 0.25, 0.13]),
                HeatTable.Row("Highlands", values: [0.31, 0.29, 0.40]),
                HeatTable.Row("Islands", values: [0.12, .nan, 0.70]),
                HeatTable.Row("Capital", values: [0.85, 0.1, 0.05]),
            ],
            colorScale: .sequential(domain: 0...1, colors: Palette.sequentialBlues),
            valueFormat: .percent(decimalSeparator: ","), fractionDigits: 2, legendTitle: "Share of units")
    }

    /// Vertical grouped bars on a categorical x axis with long labels (rotated).
    static var groupedBars: Chart {
        let regions = ["Northern District", "Southern Lowlands", "Eastern Islands", "Western Hills", "Capital"]
        return Chart(
            title: "Units per region",
            width: 520, height: 340,
            xAxis: .categorical("Region"),
            yAxis: .numeric("Units", format: dotsAndCommas),
            marks: [
                .bars(BarMark("Planned", bars: regions.enumerated().map { Bar($1, value: 200 + 90 * Double($0)) })),
                .bars(BarMark("Finished", bars: regions.enumerated().map { Bar($1, value: 120 + 70 * Double($0)) },
                              pattern: .diagonal)),
            ])
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
