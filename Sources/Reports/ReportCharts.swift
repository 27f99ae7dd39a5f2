import Analysis
import Charts
import KendaliData

/// One chart of the report: a plot, a grid of small plots or a heat table.
public enum ReportChart: Sendable {
    /// A single plot.
    case chart(Chart)
    /// Small multiples.
    case multiples(SmallMultiples)
    /// A heat table.
    case heatTable(HeatTable)

    /// The SVG text.
    public func svg(_ options: SVGOptions = SVGOptions()) -> String {
        switch self {
        case let .chart(c): c.svg(options)
        case let .multiples(m): m.svg(options)
        case let .heatTable(h): h.svg(options)
        }
    }
}

/// The charts a report can draw, by name (`kendali chart NAME`).
public enum ReportChartKind: String, CaseIterable, Sendable {
    /// Zones per week, stacked.
    case trend
    /// Cooperatives green, observed and forecast.
    case burnup
    /// Weeks of delay per factor, before and during construction.
    case factors
    /// Kaplan–Meier time to green.
    case km
    /// S-curves of the top-priority or most-delayed cooperatives.
    case scurve
    /// The breakdown heat table (units × zones).
    case breakdown
    /// Median monthly turnover of the operating cooperatives per unit over time.
    case health
}

/// Draws the charts of an analysis in a language.
public struct ReportCharts: Sendable {
    /// The analysis drawn.
    public var analysis: WeeklyAnalysis
    /// The words.
    public var text: ReportText
    /// Numbers and dates.
    public var format: ReportFormatter

    /// The charts of `analysis` in `language`.
    public init(analysis: WeeklyAnalysis, language: ReportLanguage) {
        self.analysis = analysis
        self.text = ReportText(language)
        self.format = ReportFormatter(language)
    }

    /// The chart `kind`, or why it cannot be drawn.
    public func chart(_ kind: ReportChartKind) -> SectionContent<ReportChart> {
        switch kind {
        case .trend: return .available(.chart(trend()))
        case .burnup: return .available(.chart(burnUp()))
        case .factors:
            guard let f = analysis.factors.value else { return unavailable(analysis.factors) }
            return .available(.chart(factors(f)))
        case .km:
            guard let s = analysis.survival.value else { return unavailable(analysis.survival) }
            return .available(.multiples(survival(s)))
        case .scurve:
            guard let s = analysis.sCurves.value else { return unavailable(analysis.sCurves) }
            return .available(.multiples(sCurves(s)))
        case .breakdown: return .available(.heatTable(breakdown()))
        case .health: return .available(.multiples(health(analysis.health)))
        }
    }

    private func unavailable<T>(_ content: SectionContent<T>) -> SectionContent<ReportChart> {
        if case let .unavailable(key, detail) = content { return .unavailable(key, detail: detail) }
        return .unavailable(.forecastFailed, detail: nil)
    }

    private func zoneName(_ z: Zone) -> String {
        switch z {
        case .hijau: text(.zoneGreen)
        case .kuning: text(.zoneYellow)
        case .merah: text(.zoneRed)
        }
    }

    /// The width of the report's charts, pixels (they scale down to the page).
    static let width = 880.0

    var dateAxisAnchor: Int? { analysis.trend.dates.first.map { Int($0.daysSinceEpoch) } }

    /// Zones per week, stacked: green at the bottom.
    public func trend() -> Chart {
        let x = analysis.trend.dates.map { Double($0.daysSinceEpoch) }
        let t = analysis.trend.tallies
        return Chart(
            title: text(.trendChartTitle, analysis.unitName),
            subtitle: text(.trendChartSubtitle), width: Self.width,
            xAxis: .date(format: format.chartDates, weekAnchor: dateAxisAnchor),
            yAxis: .numeric(text(.axisCooperatives), format: format.chartNumbers),
            marks: [
                .stackedArea(StackedAreaMark(x: x, layers: [
                    AreaLayer(zoneName(.hijau), values: t.map { Double($0.hijau) }, color: Palette.statusGood),
                    AreaLayer(zoneName(.kuning), values: t.map { Double($0.kuning) }, color: Palette.statusCaution,
                              pattern: .diagonal),
                    AreaLayer(zoneName(.merah), values: t.map { Double($0.merah) }, color: Palette.statusBad,
                              pattern: .crossHatch),
                ])),
            ])
    }

    /// Cooperatives ever green and green this week, with the forecast's expected count of
    /// ever green and its P10–P90 band; a legend names each line.
    public func burnUp() -> Chart {
        let b = analysis.burnUp
        let observed = zip(b.observedDates, b.observed).map { DataPoint(day: Int($0.daysSinceEpoch), y: Double($1)) }
        var marks: [Mark] = []
        var subtitle = text(.burnUpSubtitleObserved)
        if let f = b.forecast.value {
            let band = f.dates.indices.map {
                BandPoint(day: Int(f.dates[$0].daysSinceEpoch), lower: f.lower[$0], upper: f.upper[$0])
            }
            let expected = f.dates.indices.map { DataPoint(day: Int(f.dates[$0].daysSinceEpoch), y: f.expected[$0]) }
            marks.append(.band(BandMark(text(.legendBand), points: band, color: Palette.blue)))
            marks.append(.line(LineMark(text(.legendExpected), points: expected,
                                        style: LineStyle(color: Palette.blue, dash: .dashed))))
            subtitle = text(.burnUpSubtitleForecast, format.integer(f.paths))
            for (fraction, day) in [("50%", f.date50), ("90%", f.date90), ("100%", f.date100)] {
                if let day { marks.append(.rule(.day(Int(day.daysSinceEpoch), label: fraction, color: Palette.grey, dash: .dotted))) }
            }
        }
        marks.append(.line(LineMark(text(.legendEverGreen), points: observed,
                                    style: LineStyle(color: Palette.statusGood, width: 2.5))))
        let now = zip(b.observedDates, b.greenNow).map { DataPoint(day: Int($0.daysSinceEpoch), y: Double($1)) }
        marks.append(.line(LineMark(text(.legendGreenNow), points: now,
                                    style: LineStyle(color: Palette.statusGood, dash: .dotted, width: 2))))
        marks.append(.rule(RuleMark(.y(Double(b.total)), label: text(.ruleTotal, format.integer(b.total)), dash: .dotted)))
        marks.append(.rule(.day(Int(analysis.asOf.daysSinceEpoch), label: text(.ruleToday))))
        return Chart(
            title: text(.burnUpChartTitle, analysis.unitName), subtitle: subtitle, width: Self.width,
            xAxis: .date(format: format.chartDates, weekAnchor: dateAxisAnchor),
            yAxis: .numeric(text(.axisGreenCooperatives), includesZero: true, format: format.chartNumbers),
            marks: marks)
    }

    /// Weeks of delay so far per factor in the unit, as grouped bars by phase (before
    /// construction: land, start; during construction: land on site, weather, labour,
    /// technical), with 95 % intervals for the construction factors (``DelayAccounting``).
    public func factors(_ f: FactorSection) -> Chart {
        // One band per factor; land has a bar in each phase.
        let groups: [(String, [DelayItem])] = [
            (text(.factorLand), [.land, .landOnSite]), (text(.delayStart), [.start]),
            (text(.factorWeather), [.weather]), (text(.factorLabour), [.labour]),
            (text(.factorTechnical), [.technical]),
        ]
        func bars(_ phase: DelayPhase) -> [Bar] {
            groups.map { name, items in
                guard let item = items.first(where: { $0.phase == phase }),
                      let row = f.delays.first(where: { $0.item == item }) else { return Bar(name, value: 0) }
                return phase == .duringConstruction
                    ? Bar(name, value: row.weeks, lower: row.lower, upper: row.upper)
                    : Bar(name, value: row.weeks)
            }
        }
        return Chart(
            title: text(.factorsChartTitle, analysis.unitName), subtitle: text(.factorsChartSubtitle),
            width: Self.width, height: 130 + 52 * Double(groups.count),
            xAxis: .numeric(text(.axisWeeksLost), format: format.chartNumbers),
            yAxis: .categorical(),
            marks: [
                .bars(BarMark(text(.phaseBefore), bars: bars(.beforeConstruction), color: Palette.vermillion,
                              showsValues: true, valueFormat: format.chartNumbers, valueFractionDigits: 0)),
                .bars(BarMark(text(.phaseDuring), bars: bars(.duringConstruction), color: Palette.blue,
                              pattern: .diagonal, showsValues: true, valueFormat: format.chartNumbers,
                              valueFractionDigits: 0)),
                .rule(RuleMark(.x(0), dash: .solid, width: 1)),
            ])
    }

    /// The name of a phase of delay.
    public func phaseName(_ phase: DelayPhase) -> String {
        switch phase {
        case .beforeConstruction: text(.phaseBefore)
        case .duringConstruction: text(.phaseDuring)
        }
    }

    /// The name of an item of the delay accounting.
    public func delayName(_ item: DelayItem) -> String {
        switch item {
        case .land: text(.delayLand)
        case .start: text(.delayStart)
        case .landOnSite: text(.delayLandOnSite)
        case .weather: text(.factorWeather)
        case .labour: text(.factorLabour)
        case .technical: text(.factorTechnical)
        }
    }

    /// The name of a delay factor (``ReportText/factorName(_:)``).
    public func factorName(_ factor: DelayFactor) -> String { text.factorName(factor) }

    /// The name of a cause of delay in the forecast (``ReportText/causeName(_:)``).
    public func causeName(_ cause: DelayCause) -> String { text.causeName(cause) }

    /// Kaplan–Meier share not yet green: one panel for the unit and one per group.
    public func survival(_ s: SurvivalSection) -> SmallMultiples {
        func marks(_ c: SurvivalCurve, label: String, color: Color, dash: DashStyle) -> [Mark] {
            let band = c.times.indices.map { BandPoint(x: c.times[$0], lower: c.lower[$0], upper: c.upper[$0]) }
            let line = c.times.indices.map { DataPoint(x: c.times[$0], y: c.survival[$0]) }
            return [
                .band(BandMark(label, points: band, color: color, opacity: 0.18, interpolation: .stepAfter)),
                .step(label, points: line, style: LineStyle(color: color, dash: dash)),
            ]
        }
        let overallLabel = text(.legendWholeUnit, analysis.unitName)
        var panels = [SmallMultiples.Panel(
            title: analysis.unitName, marks: marks(s.overall, label: overallLabel, color: Palette.grey, dash: .dashed))]
        for g in s.groups {
            let reference = s.overall.times.indices.map { DataPoint(x: s.overall.times[$0], y: s.overall.survival[$0]) }
            panels.append(SmallMultiples.Panel(
                title: g.label,
                marks: [.step(overallLabel, points: reference, style: LineStyle(color: Palette.grey, dash: .dashed, width: 1.5))]
                    + marks(g, label: text(.legendGroup), color: Palette.blue, dash: .solid)))
        }
        let columns = panels.count <= 4 ? 2 : (panels.count <= 12 ? 3 : 4)
        return SmallMultiples(
            title: text(.survivalChartTitle), subtitle: text(.survivalChartSubtitle),
            panels: panels, columns: columns, width: Self.width, panelHeight: columns == 4 ? 90 : 100,
            xAxis: .numeric(text(.axisWeeksSinceFirst)),
            yAxis: .numeric(text(.axisNotGreen), domain: 0...1, format: format.chartPercent, tickCount: 3))
    }

    /// Observed progress and the projection band of each chosen cooperative.
    public func sCurves(_ s: SCurveSection) -> SmallMultiples {
        let panels = s.panels.map { p -> SmallMultiples.Panel in
            var marks: [Mark] = []
            if !p.projectionDates.isEmpty {
                let band = p.projectionDates.indices.map {
                    BandPoint(day: Int(p.projectionDates[$0].daysSinceEpoch),
                              lower: p.projectionLower[$0], upper: p.projectionUpper[$0])
                }
                let mid = p.projectionDates.indices.map {
                    DataPoint(day: Int(p.projectionDates[$0].daysSinceEpoch), y: p.projection[$0])
                }
                marks.append(.band(BandMark(text(.legendProjectionBand), points: band, color: Palette.blue)))
                marks.append(.line(LineMark(text(.legendProjection), points: mid,
                                            style: LineStyle(color: Palette.blue, dash: .dashed, width: 1.5))))
            }
            let observed = zip(p.observedDates, p.observed).map { DataPoint(day: Int($0.daysSinceEpoch), y: $1) }
            marks.append(.line(LineMark(text(.legendObservedProgress), points: observed,
                                        style: LineStyle(color: Palette.statusGood, width: 2, marker: .circle))))
            let name = p.names?.displayName ?? p.kode.description
            return SmallMultiples.Panel(title: name + " · " + p.kode.description, marks: marks)
        }
        let title = text(s.selection.titleKey)
        return SmallMultiples(
            title: title, subtitle: s.averageDelayMultiplier == nil ? text(.sCurveSubtitleObserved) : text(.sCurveSubtitleBand),
            panels: panels, columns: 3, width: Self.width, panelHeight: 110,
            xAxis: .date(format: format.chartDates),
            yAxis: .numeric(text(.axisProgress), domain: 0...100, format: format.chartNumbers, tickCount: 3))
    }

    /// The breakdown as a heat table: share of each zone per unit, with counts.
    public func breakdown() -> HeatTable {
        var rows: [HeatTable.Row] = []
        var total = ZoneTally()
        func row(_ label: String, _ z: ZoneTally) -> HeatTable.Row {
            let n = Double(max(z.total, 1))
            let shares = Zone.allCases.map { Double(z[$0]) / n }
            let texts = Zone.allCases.map { format.integer(z[$0]) + " (" + format.percent(Double(z[$0]) / n) + ")" }
            return HeatTable.Row(label, values: z.total == 0 ? [.nan, .nan, .nan] : shares, cellTexts: texts)
        }
        for r in analysis.breakdown.rows {
            rows.append(row(r.name, r.zones))
            total.add(r.zones)
        }
        rows.append(row(text(.total), total))
        let white = Color.white
        // Each column's ramp spans 0 to its largest share, so small shares still show.
        func top(_ z: Zone) -> Double {
            let shares = analysis.breakdown.rows.map { $0.zones.total == 0 ? 0 : Double($0.zones[z]) / Double($0.zones.total) }
            return max(0.05, shares.max() ?? 0)
        }
        return HeatTable(
            title: text(.breakdownChartTitle, levelName(analysis.breakdown.level, plural: true)),
            subtitle: text(.breakdownChartSubtitle, format.date(analysis.asOf)),
            cornerLabel: levelName(analysis.breakdown.level, plural: false),
            columns: Zone.allCases.map(zoneName), rows: rows,
            colorScale: .sequential(domain: 0...1, colors: [white, Palette.grey]),
            columnColorScales: [
                .sequential(domain: 0...top(.hijau), colors: [white, Palette.statusGood]),
                .sequential(domain: 0...top(.kuning), colors: [white, Palette.statusCaution]),
                .sequential(domain: 0...top(.merah), colors: [white, Palette.statusBad]),
            ],
            valueFormat: format.chartPercent, fractionDigits: 2, showsLegend: false)
    }

    /// The name of an administrative level (``ReportText/levelName(_:plural:)``).
    public func levelName(_ level: AdminLevel, plural: Bool) -> String { text.levelName(level, plural: plural) }
}
