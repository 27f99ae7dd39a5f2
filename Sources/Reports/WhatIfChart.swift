import Charts
import KendaliData

/// The what-if chart: a unit's expected number green per week without and with a scenario,
/// each with its P10–P90 band, and the target date.
public enum WhatIfChart {
    /// A unit's expected number green per week from the as-of week on, with its band.
    public struct Curve: Sendable {
        /// The unit's name (`all` for the whole data).
        public var name: String
        /// Cooperatives in the unit.
        public var total: Int
        /// Expected number green at week offsets 0, 1, … from the as-of week.
        public var expected: [Double]
        /// P10 of the number green.
        public var lower: [Double]
        /// P90 of the number green.
        public var upper: [Double]

        /// A curve; the three series have one value per week offset.
        public init(name: String, total: Int, expected: [Double], lower: [Double], upper: [Double]) {
            self.name = name
            self.total = total
            self.expected = expected
            self.lower = lower
            self.upper = upper
        }
    }

    /// The chart as SVG.
    ///
    /// - Parameters:
    ///   - without: the burn-up without intervention (week offsets from `asOf`).
    ///   - with: the burn-up with the scenario.
    public static func svg(without: Curve, with: Curve, asOf: Day, target: Day,
                           language: ReportLanguage) -> String {
        let f = ReportFormatter(language)
        let id = language == .id
        func day(_ o: Int) -> Int { Int(asOf.adding(days: 7 * o).daysSinceEpoch) }
        func band(_ c: Curve) -> [BandPoint] { c.expected.indices.map { BandPoint(day: day($0), lower: c.lower[$0], upper: c.upper[$0]) } }
        func line(_ c: Curve) -> [DataPoint] { c.expected.indices.map { DataPoint(day: day($0), y: c.expected[$0]) } }
        let withoutLabel = id ? "Tanpa intervensi" : "Without intervention"
        let withLabel = id ? "Dengan intervensi" : "With intervention"
        let marks: [Mark] = [
            .band(BandMark(withoutLabel + " P10–P90", points: band(without), color: Palette.grey, opacity: 0.15)),
            .band(BandMark(withLabel + " P10–P90", points: band(with), color: Palette.blue, opacity: 0.18)),
            .line(LineMark(withoutLabel, points: line(without), style: LineStyle(color: Palette.grey, dash: .dashed))),
            .line(LineMark(withLabel, points: line(with), style: LineStyle(color: Palette.blue, width: 2.5))),
            .rule(RuleMark(.y(Double(without.total)), label: (id ? "Total " : "Total ") + f.integer(without.total), dash: .dotted)),
            .rule(.day(Int(target.daysSinceEpoch), label: id ? "Target" : "Target", color: Palette.vermillion, dash: .dotted)),
        ]
        let unit = without.name == "all" ? (id ? "semua wilayah" : "all units") : without.name
        let chart = Chart(
            title: id ? "Koperasi hijau: dengan dan tanpa intervensi (\(unit))" : "Green cooperatives with and without the intervention (\(unit))",
            subtitle: id ? "Perkiraan per \(f.date(asOf)); garis: harapan; pita: P10–P90" : "Forecast as of \(f.date(asOf)); lines: expected; bands: P10–P90",
            width: 760, height: 420,
            xAxis: .date(format: f.chartDates, weekAnchor: Int(asOf.daysSinceEpoch)),
            yAxis: .numeric(id ? "Koperasi hijau" : "Green cooperatives", includesZero: true, format: f.chartNumbers),
            marks: marks)
        return chart.svg()
    }
}
