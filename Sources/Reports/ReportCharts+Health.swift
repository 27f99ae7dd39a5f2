import Analysis
import Charts
import KendaliData

extension ReportCharts {
    /// Panels of the turnover chart at most: the whole unit and the units with the most
    /// operating cooperatives.
    static let healthPanels = 12

    /// The median monthly turnover of the operating cooperatives per week, with its
    /// P25–P75 band, in millions of rupiah: one panel for the whole unit, then one per unit
    /// one level down (the ``healthPanels`` − 1 with the most operating cooperatives, in code
    /// order), on shared scales.
    public func health(_ h: HealthSection) -> SmallMultiples {
        func marks(_ row: HealthRow) -> [Mark] {
            var band: [BandPoint] = []
            var line: [DataPoint] = []
            for (t, s) in row.series.enumerated() {
                let day = Int(h.dates[t].daysSinceEpoch)
                if let m = s.median { line.append(DataPoint(day: day, y: m / 1_000_000)) }
                if let lo = s.p25, let hi = s.p75 { band.append(BandPoint(day: day, lower: lo / 1_000_000, upper: hi / 1_000_000)) }
            }
            return [
                .band(BandMark(text(.legendInterquartile), points: band, color: Palette.blue)),
                .line(LineMark(text(.legendMedian), points: line, style: LineStyle(color: Palette.blue, width: 2))),
            ]
        }
        let shown = h.rows.filter { $0.operating > 0 }
            .sorted { $0.operating != $1.operating ? $0.operating > $1.operating : $0.unit < $1.unit }
            .prefix(Self.healthPanels - 1)
            .sorted { $0.unit < $1.unit }
        let panels = [SmallMultiples.Panel(title: h.total.name, marks: marks(h.total))]
            + shown.map { SmallMultiples.Panel(title: $0.name, marks: marks($0)) }
        let columns = panels.count <= 4 ? 2 : (panels.count <= 12 ? 3 : 4)
        return SmallMultiples(
            title: text(.healthChartTitle, levelName(h.level, plural: false).lowercased()),
            subtitle: text(.healthChartSubtitle), panels: panels, columns: columns, width: Self.width,
            panelHeight: 90, xAxis: .date(format: format.chartDates, weekAnchor: dateAxisAnchor),
            yAxis: .numeric(text(.axisTurnover), includesZero: true, format: format.chartNumbers, tickCount: 3))
    }
}
