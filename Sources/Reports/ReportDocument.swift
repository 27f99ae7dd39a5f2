import Analysis
import Charts
import KendaliData

/// The report of an analysis laid out in one language, independent of the output format: sections of
/// blocks (paragraphs, notes, key figures, figures, tables), every chart and every table.
///
/// ``HTMLRenderer`` and ``MarkdownRenderer`` render the same document, so `index.html`
/// and `report.md` carry the same content; ``ReportWriter`` adds the charts as SVG files
/// and the tables as CSV and JSON.
public struct ReportDocument: Sendable {
    /// A key figure of the summary.
    public struct KeyFigure: Sendable {
        /// What it is.
        public var label: String
        /// Its value.
        public var value: String
        /// A second line (the change since last week), or `nil`.
        public var detail: String?
        /// The zone it belongs to (for its colour and a text label), or `nil`.
        public var zone: Zone?
        /// A text value (a date) drawn smaller than a count.
        public var compact: Bool = false
    }

    /// One block of a section.
    public enum Block: Sendable {
        /// A paragraph of text.
        case paragraph(String)
        /// A highlighted note (e.g. "not available").
        case note(String)
        /// Key figures in a row of cards.
        case keyFigures([KeyFigure])
        /// A chart, by name (an entry of ``charts``), with a caption.
        case figure(String, caption: String)
        /// A table, by name (an entry of ``tables``); at most `limit` rows are shown (all
        /// are in `data/`).
        case table(String, caption: String?, limit: Int?)
        /// A bulleted list.
        case list([String])
        /// A table of every row, for the screen: searchable and sortable by the page's one
        /// inline script, a plain table without it, left out in print (`rows`: the rows
        /// shown, all when `nil`).
        case findable(String, rows: Range<Int>?)
        /// Links to the report's other pages (``SubPage``): text and path.
        case links([(text: String, path: String)])
    }

    /// A page of its own beside `index.html`: one table's rows (a province's cooperatives
    /// in a national report), searchable like a ``Block/findable(_:rows:)`` table.
    public struct SubPage: Sendable {
        /// The path in the report folder (`koperasi/52.html`).
        public var path: String
        /// The page's title.
        public var title: String
        /// The table, by name.
        public var table: String
        /// Its rows on this page.
        public var rows: Range<Int>
    }

    /// One section (a page when printed).
    public struct Section: Sendable {
        /// The HTML anchor and Markdown heading id.
        public var id: String
        /// The heading.
        public var title: String
        /// The blocks.
        public var blocks: [Block]
    }

    /// A chart and its file name under `charts/`.
    public struct ChartAsset: Sendable {
        /// The file stem (`trend` → `charts/trend.svg`).
        public var name: String
        /// The chart.
        public var chart: ReportChart
        /// Its accessible short text.
        public var alt: String
    }

    /// The language.
    public var language: ReportLanguage
    /// The report title.
    public var title: String
    /// The line under the title (unit, date).
    public var subtitle: String
    /// The sections, in order.
    public var sections: [Section]
    /// Every chart.
    public var charts: [ChartAsset]
    /// Every table (written to `data/`).
    public var tables: [DataTable]
    /// The pages beside `index.html`.
    public var pages: [SubPage]
    /// The footer lines (the generation time among them, when given).
    public var footer: [String]

    /// The chart named `name`.
    public func chart(named name: String) -> ChartAsset? { charts.first { $0.name == name } }

    /// The table named `name`.
    public func table(named name: String) -> DataTable? { tables.first { $0.name == name } }

    /// Lays out `analysis` in `language`; `generatedAt` (the generation time, volatile) is
    /// written in the footer when given.
    public init(analysis report: WeeklyAnalysis, language: ReportLanguage, generatedAt: String? = nil) {
        var b = ReportLayout(report: report, language: language)
        b.build()
        self.language = language
        self.title = b.t(.reportTitle, report.unitName)
        self.subtitle = b.t(.reportSubtitle, b.f.date(report.asOf), b.f.integer(report.trend.dates.count))
        self.sections = b.sections
        self.charts = b.charts
        self.tables = b.tables
        self.pages = b.pages
        var footer = [b.t(.footerTool, report.versions.toolVersion)]
        if let at = generatedAt { footer.append(b.t(.footerGenerated, at)) }
        self.footer = footer
    }
}

/// Assembles the sections of a ``ReportDocument``.
struct ReportLayout {
    let r: WeeklyAnalysis
    let text: ReportText
    let f: ReportFormatter
    let c: ReportCharts
    var sections: [ReportDocument.Section] = []
    var charts: [ReportDocument.ChartAsset] = []
    var tables: [DataTable] = []
    var pages: [ReportDocument.SubPage] = []

    init(report: WeeklyAnalysis, language: ReportLanguage) {
        r = report
        text = ReportText(language)
        f = ReportFormatter(language)
        c = ReportCharts(analysis: report, language: language)
    }

    func t(_ key: ReportText.Key, _ args: String...) -> String { text.format(key, args) }

    mutating func build() {
        summary()
        trend()
        forecast()
        factors()
        survival()
        priorities()
        forecastMoves()
        breakdown()
        changes()
        cooperatives()
        sCurves()
        health()
        warnings()
        versions()
    }

    // MARK: Helpers

    func zoneName(_ z: Zone) -> String {
        switch z {
        case .hijau: t(.zoneGreen)
        case .kuning: t(.zoneYellow)
        case .merah: t(.zoneRed)
        }
    }

    func stageName(_ s: Tahap) -> String { text.stageName(s) }

    func landName(_ s: StatusLahan) -> String { text.landName(s) }

    func redReasonName(_ reason: RedReason) -> String {
        switch reason {
        case .landDisputed: t(.redLandDisputed)
        case .noLand: t(.redNoLand)
        case .stalledConstruction: t(.redStalled)
        }
    }

    func warningName(_ kind: SnapshotIssue.Kind) -> String {
        switch kind {
        case .unknownColumn: t(.warnUnknownColumn)
        case .progressDecreased: t(.warnProgressDecreased)
        case .tahapBackwards: t(.warnTahapBackwards)
        case .cooperativeMissing: t(.warnCooperativeMissing)
        case .completeButUnderConstruction: t(.warnCompleteBuilding)
        case .duplicateRow: t(.warnDuplicateRow)
        case .windows1252Text: t(.warnWindows1252)
        case .registerMismatch: t(.warnRegisterMismatch)
        case .newCode: t(.warnNewCode)
        case .unusualWeekday: t(.warnUnusualWeekday)
        case .notReported: t(.warnNotReported)
        default: kind.rawValue
        }
    }

    func unavailableText(_ reason: UnavailableReason, _ detail: String?) -> String {
        var s = t(ReportText.Key(reason))
        if let detail, !detail.isEmpty { s += " " + t(.detailPrefix) + " " + detail }
        return s
    }

    mutating func addChart(_ name: String, _ kind: ReportChartKind, alt: String) -> Bool {
        guard let chart = c.chart(kind).value else { return false }
        charts.append(.init(name: name, chart: chart, alt: alt))
        return true
    }

    // MARK: Sections

    mutating func summary() {
        let h = r.headline
        let p = h.previousZones
        func change(_ now: Int, _ before: Int?) -> String? {
            before.map { t(.changeSinceLastWeek, f.signedInteger(now - $0)) }
        }
        let total = max(h.zones.total, 1)
        var figures = Zone.allCases.map { z in
            ReportDocument.KeyFigure(
                label: zoneName(z) + " · " + f.percent(Double(h.zones[z]) / Double(total)),
                value: f.integer(h.zones[z]), detail: change(h.zones[z], p?[z]), zone: z)
        }
        figures.append(.init(
            label: t(.figureReporting), value: f.integer(h.reporting),
            detail: t(.ofKnown, f.integer(h.known)), zone: nil))
        // The next forecast milestone not reached yet (50, 90 then 100 % green).
        var milestone = ReportDocument.KeyFigure(label: t(.figureMilestone, "50%"), value: ReportFormatter.missing,
                                                 detail: t(.noForecastShort), zone: nil, compact: true)
        if let fc = r.burnUp.forecast.value {
            let all: [(String, Day?)] = [("50%", fc.date50), ("90%", fc.date90), ("100%", fc.date100)]
            let k = all.firstIndex { $0.1.map { $0 > r.asOf } ?? true } ?? all.count - 1
            milestone.label = t(.figureMilestone, all[k].0)
            milestone.value = all[k].1.map(f.shortDate) ?? t(.beyondHorizon)
            milestone.detail = k + 1 < all.count
                ? t(.figureMilestoneDetail, all[k + 1].0, all[k + 1].1.map(f.shortDate) ?? t(.beyondHorizon))
                : nil
        }
        figures.append(milestone)

        var blocks: [ReportDocument.Block] = [.keyFigures(figures)]
        var sentence = t(.summarySentence, f.date(r.asOf), f.integer(h.zones.hijau), f.integer(h.zones.total),
                         f.percent(Double(h.zones.hijau) / Double(total)), f.integer(h.zones.kuning),
                         f.integer(h.zones.merah))
        if let p {
            sentence += " " + t(.summaryChange, f.signedInteger(h.zones.hijau - p.hijau),
                                f.signedInteger(h.zones.kuning - p.kuning), f.signedInteger(h.zones.merah - p.merah))
        }
        blocks.append(.paragraph(sentence))
        blocks.append(.paragraph(t(.greenBothSentence, f.integer(h.zones.hijau), f.integer(h.everGreen),
                                   f.integer(max(0, h.everGreen - h.zones.hijau)))))
        if h.missingThisWeek > 0 {
            blocks.append(.note(t(.missingThisWeek, f.integer(h.missingThisWeek))))
        }

        var rows: [[Cell]] = Tahap.allCases.map { s in
            [.text(s.rawValue), .coded(s.rawValue, label: stageName(s)), .integer(h.stages[s]),
             h.previousStages.map { .change(h.stages[s] - $0[s]) } ?? .empty,
             .percent(Double(h.stages[s]) / Double(max(h.reporting, 1)), digits: 1)]
        }
        rows.append([.text("portal_land_not_ready"), .coded("portal_land_not_ready", label: t(.stagePortalLandNotReady)),
                     .integer(h.stages.portalLandNotReady),
                     h.previousStages.map { .change(h.stages.portalLandNotReady - $0.portalLandNotReady) } ?? .empty,
                     .percent(Double(h.stages.portalLandNotReady) / Double(max(h.reporting, 1)), digits: 1)])
        tables.append(DataTable(name: "stages", columns: [
            .data("tahap", t(.colStageCode)), .display("stage", t(.colStage)), .init("cooperatives", t(.colCooperatives)),
            .init("change", t(.colChange)), .init("share", t(.colShare)),
        ], rows: rows))
        blocks.append(.table("stages", caption: t(.stagesCaption), limit: nil))
        if let m = h.meanProgressBuilding {
            blocks.append(.paragraph(t(.meanProgress, f.decimal(m, digits: 1), f.integer(h.stages[.pembangunan]))))
        }
        tables.append(DataTable(name: "headline", columns: [
            .init("zone", t(.colZone)), .init("cooperatives", t(.colCooperatives)), .init("change", t(.colChange)),
            .init("share", t(.colShare)),
        ], rows: Zone.allCases.map { z in
            [.zone(z), .integer(h.zones[z]), p.map { .change(h.zones[z] - $0[z]) } ?? .empty,
             .percent(Double(h.zones[z]) / Double(total), digits: 1)]
        }))
        sections.append(.init(id: "ringkasan", title: t(.sectionSummary), blocks: blocks))
    }

    mutating func trend() {
        let dates = r.trend.dates
        tables.append(DataTable(name: "zone_trend", columns: [
            .init("date", t(.colDate)), .init("hijau", zoneName(.hijau)), .init("kuning", zoneName(.kuning)),
            .init("merah", zoneName(.merah)), .init("reporting", t(.colReporting)),
        ], rows: zip(dates, r.trend.tallies).map { d, z in
            [.date(d), .integer(z.hijau), .integer(z.kuning), .integer(z.merah), .integer(z.total)]
        }))
        var blocks: [ReportDocument.Block] = []
        if addChart("trend", .trend, alt: t(.trendChartTitle, r.unitName)) {
            blocks.append(.figure("trend", caption: t(.trendCaption, f.integer(dates.count))))
        }
        if let first = r.trend.tallies.first, let firstDate = dates.first, dates.count > 1 {
            let now = r.trend.tallies[r.trend.tallies.count - 1]
            blocks.append(.paragraph(t(.trendSentence, f.date(firstDate), f.integer(first.hijau), f.integer(now.hijau),
                                       f.integer(first.merah), f.integer(now.merah))))
        }
        sections.append(.init(id: "tren", title: t(.sectionTrend), blocks: blocks))
    }

    mutating func forecast() {
        var blocks: [ReportDocument.Block] = []
        let b = r.burnUp
        var rows: [[Cell]] = b.observedDates.indices.map { k in
            [.date(b.observedDates[k]), .integer(b.observed[k]), .empty, .empty, .empty,
             k < b.greenNow.count ? .integer(b.greenNow[k]) : .empty]
        }
        switch b.forecast {
        case let .available(fc):
            // The as-of row carries the forecast's starting point; later weeks only the forecast.
            if !rows.isEmpty, let k = fc.dates.firstIndex(of: r.asOf) {
                rows[rows.count - 1][2] = .number(fc.expected[k], digits: 1)
                rows[rows.count - 1][3] = .number(fc.lower[k], digits: 0)
                rows[rows.count - 1][4] = .number(fc.upper[k], digits: 0)
            }
            for (k, d) in fc.dates.enumerated() where d > r.asOf {
                rows.append([.date(d), .empty, .number(fc.expected[k], digits: 1), .number(fc.lower[k], digits: 0),
                             .number(fc.upper[k], digits: 0), .empty])
            }
            if addChart("burnup", .burnup, alt: t(.burnUpChartTitle, r.unitName)) {
                blocks.append(.figure("burnup", caption: t(.burnUpCaption, f.integer(fc.paths))))
            }
            let milestones: [(String, Double, Day?)] = [("50", 0.5, fc.date50), ("90", 0.9, fc.date90), ("100", 1, fc.date100)]
            tables.append(DataTable(name: "forecast_dates", columns: [
                .init("milestone", t(.colMilestone)), .init("cooperatives_needed", t(.colCooperativesNeeded)),
                .init("p50_date", t(.colP50Date)),
            ], rows: milestones.map { label, share, day in
                let need = share == 0.5 ? (fc.total + 1) / 2 : Int((share * Double(fc.total)).rounded(.up))
                return [.text(label + "%"), .integer(need),
                        day.map(Cell.date) ?? .coded("", label: t(.beyondHorizonUntil, f.date(fc.horizonEnd)))]
            }))
            blocks.append(.table("forecast_dates", caption: t(.forecastDatesCaption), limit: nil))
            blocks.append(.paragraph(t(.forecastExplain, f.integer(fc.greenAtAsOf), f.integer(fc.total))))
            if !fc.assumptions.isEmpty {
                blocks.append(.paragraph(t(.assumptionsIntro)))
                blocks.append(.list(fc.assumptions))
            }
        case let .unavailable(key, detail):
            if addChart("burnup", .burnup, alt: t(.burnUpChartTitle, r.unitName)) {
                blocks.append(.figure("burnup", caption: t(.burnUpCaptionObserved)))
            }
            blocks.append(.note(unavailableText(key, detail)))
        }
        tables.append(DataTable(name: "burnup", columns: [
            .init("date", t(.colDate)), .init("observed_green", t(.colObservedGreen)),
            .init("expected_green", t(.colExpected)), .init("p10", "P10"), .init("p90", "P90"),
            .init("green_now", t(.colGreenNow)),
        ], rows: rows))
        sections.append(.init(id: "prakiraan", title: t(.sectionForecast), blocks: blocks))
    }

    mutating func factors() {
        var blocks: [ReportDocument.Block] = []
        switch r.factors {
        case let .available(fs):
            if addChart("factors", .factors, alt: t(.factorsChartTitle, r.unitName)) {
                blocks.append(.figure("factors", caption: t(.delaysCaption, f.integer(fs.modelRows))))
            }
            tables.append(DataTable(name: "delay_causes", columns: [
                .data("phase", t(.colPhase)), .display("phase_name", t(.colPhase)),
                .init("cause", t(.colCause)), .init("weeks_of_delay", t(.colWeeksOfDelay)),
                .data("weeks_lower", t(.colLower95)), .data("weeks_upper", t(.colUpper95)),
                .init("counted_weeks", t(.colFlaggedWeeks)),
                .init("cooperatives_affected", t(.colCooperativesAffected)),
                .init("main_delay_of", t(.colMainDelayOf)),
            ], rows: fs.delays.map { row in
                [.text(row.item.phase.rawValue), .text(c.phaseName(row.item.phase)),
                 .coded(row.item.description, label: c.delayName(row.item)), .number(row.weeks, digits: 1),
                 .number(row.lower, digits: 1), .number(row.upper, digits: 1), .integer(row.countedWeeks),
                 .integer(row.cooperatives), .integer(row.mainDelayOf)]
            }))
            blocks.append(.table("delay_causes", caption: t(.delaysTableCaption), limit: nil))
            func range(_ lo: String, _ hi: String) -> String { lo + "–" + hi }
            tables.append(DataTable(name: "delay_factors", columns: [
                .init("factor", t(.colFactor)), .data("column", t(.colColumn)), .init("estimated", t(.colEstimated)),
                .data("share_lost", t(.colShareLost)), .data("share_lost_lower", t(.colLower95)),
                .data("share_lost_upper", t(.colUpper95)),
                .display("share_lost_interval", t(.colShareLostInterval)),
                .init("flagged_weeks", t(.colFlaggedWeeks)),
                .data("weeks_lost", t(.colWeeksLost)), .data("weeks_lost_lower", t(.colLower95)),
                .data("weeks_lost_upper", t(.colUpper95)), .display("weeks_lost_interval", t(.colWeeksLostInterval)),
            ], rows: fs.factors.map { row in
                let share = f.percent(row.shareLost) + " (" + range(f.percent(row.shareLostInterval.lower),
                                                                    f.percent(row.shareLostInterval.upper)) + ")"
                let weeks = f.decimal(row.weeksLost, digits: 1) + " (" + range(
                    f.decimal(row.weeksLostInterval.lower, digits: 1), f.decimal(row.weeksLostInterval.upper, digits: 1)) + ")"
                return [.coded(row.factor.description, label: c.factorName(row.factor)), .text(row.factor.column),
                        .coded(row.estimated ? "true" : "false", label: row.estimated ? t(.yes) : t(.no)),
                        .number(row.shareLost, digits: 3), .number(row.shareLostInterval.lower, digits: 3),
                        .number(row.shareLostInterval.upper, digits: 3), .text(share), .integer(row.flaggedWeeks),
                        .number(row.weeksLost, digits: 1), .number(row.weeksLostInterval.lower, digits: 1),
                        .number(row.weeksLostInterval.upper, digits: 1), .text(weeks)]
            }))
            blocks.append(.table("delay_factors", caption: t(.factorsTableCaption), limit: nil))
        case let .unavailable(key, detail):
            blocks.append(.note(unavailableText(key, detail)))
        }
        sections.append(.init(id: "faktor", title: t(.sectionFactors), blocks: blocks))
    }

    mutating func survival() {
        var blocks: [ReportDocument.Block] = []
        switch r.survival {
        case let .available(s):
            if addChart("km", .km, alt: t(.survivalChartTitle)) {
                blocks.append(.figure("km", caption: t(.survivalCaption)))
            }
            let all = [s.overall] + s.groups
            tables.append(DataTable(name: "time_to_green", columns: [
                .init("code", t(.colCode)), .init("name", t(.colName)), .init("cooperatives", t(.colCooperatives)),
                .init("green", t(.colGreenSoFar)), .init("median_weeks", t(.colMedianWeeks)),
            ], rows: all.map { g in
                [.text(g.unit?.dotted ?? r.unit.dotted), .text(g.label), .integer(g.cooperatives), .integer(g.events),
                 g.medianWeeks.map { .number($0, digits: 0) } ?? .coded("", label: t(.notReached))]
            }))
            blocks.append(.table("time_to_green", caption: nil, limit: nil))
            var steps: [[Cell]] = []
            for g in all {
                for k in g.times.indices {
                    steps.append([.text(g.unit?.dotted ?? r.unit.dotted), .number(g.times[k], digits: 0),
                                  .number(g.survival[k], digits: 4), .number(g.lower[k], digits: 4), .number(g.upper[k], digits: 4)])
                }
            }
            tables.append(DataTable(name: "km_curves", columns: [
                .init("code", t(.colCode)), .init("weeks", t(.colWeeks)), .init("not_green", t(.colNotGreen)),
                .init("lower_95", t(.colLower95)), .init("upper_95", t(.colUpper95)),
            ], rows: steps))
            if s.omittedGroups > 0 { blocks.append(.note(t(.omittedGroups, f.integer(s.omittedGroups)))) }
        case let .unavailable(key, detail):
            blocks.append(.note(unavailableText(key, detail)))
        }
        sections.append(.init(id: "waktu-hijau", title: t(.sectionSurvival, c.levelName(r.childLevel, plural: true)), blocks: blocks))
    }

    mutating func priorities() {
        var blocks: [ReportDocument.Block] = []
        switch r.priorities {
        case let .available(p):
            tables.append(DataTable(name: "priorities", columns: [
                .init("rank", t(.colRank)), .init("kode_koperasi", t(.colCode)), .init("nama_koperasi", t(.colName)),
                .init("desa", t(.colVillage)), .init("zone", t(.colZone)), .init("intervention", t(.colIntervention)),
                .init("p50_now", t(.colP50Now)), .init("p50_after", t(.colP50After)),
                .init("weeks_gained", t(.colWeeksGained)), .init("reason", t(.colReason)),
                .init("kecamatan", t(.colDistrict)), .init("kabupaten", t(.colRegency)),
            ], rows: p.entries.enumerated().map { k, e in
                let n = p.names[k]
                let beyond: Cell = e.beyondWeeks.map { .coded("", label: f.beyondHorizon(weeks: $0)) } ?? .empty
                return [.integer(k + 1), .text(e.kode.description), .text(n?.nama ?? ""), .text(n?.desa ?? ""),
                        zoneCell(e.zone), .text(interventionName(e.intervention)), e.p50Now.map(Cell.date) ?? beyond,
                        e.p50After.map(Cell.date) ?? beyond, .number(e.weeksGained, digits: 1), .text(e.explanation.map { PriorityReason.sentence($0, language: f.language) } ?? e.reason ?? ""),
                        .text(n?.kecamatan ?? ""), .text(n?.kabupaten ?? "")]
            }))
            blocks.append(.paragraph(t(.prioritiesIntro, p.source, f.integer(p.entries.count))))
            blocks.append(.table("priorities", caption: nil, limit: 25))
        case let .unavailable(key, detail):
            blocks.append(.note(unavailableText(key, detail)))
        }
        sections.append(.init(id: "prioritas", title: t(.sectionPriorities), blocks: blocks))
    }

    /// A ranking's intervention code (land, labour, technical, coaching, none) in the
    /// report's language; other text as given.
    func interventionName(_ raw: String) -> String {
        if let kind = InterventionKind(rawValue: raw.lowercased()) { return PriorityReason.name(kind, f.language) }
        if raw.lowercased() == "none" { return text.interventionName(nil) }
        return raw
    }

    func zoneCell(_ raw: String) -> Cell {
        let key = raw.lowercased()
        if let z = Zone(rawValue: key) ?? ["green": Zone.hijau, "yellow": .kuning, "red": .merah][key] { return .zone(z) }
        return .text(raw)
    }

    mutating func breakdown() {
        var blocks: [ReportDocument.Block] = []
        let level = c.levelName(r.breakdown.level, plural: false)
        // One cooperative per unit (a district's villages): a heat map of 1 (100 %) cells
        // says nothing, so the table shows each unit's zone instead of the zone counts.
        let onePerUnit = r.breakdown.rows.contains { $0.zones.total == 1 } && r.breakdown.rows.allSatisfy { $0.zones.total <= 1 }
        if !onePerUnit, addChart("breakdown", .breakdown, alt: t(.breakdownChartTitle, c.levelName(r.breakdown.level, plural: true))) {
            blocks.append(.figure("breakdown", caption: t(.breakdownCaption)))
        }
        let counts: [DataTable.Column] = [
            .init("hijau", zoneName(.hijau), shown: !onePerUnit, exported: true),
            .init("kuning", zoneName(.kuning), shown: !onePerUnit, exported: true),
            .init("merah", zoneName(.merah), shown: !onePerUnit, exported: true),
            .init("total", t(.total), shown: !onePerUnit, exported: true),
            .init("green_share", t(.colGreenShare), shown: !onePerUnit, exported: true),
        ]
        var columns: [DataTable.Column] = [.init("code", t(.colCode)), .init("name", level)]
        if onePerUnit { columns.append(.display("zone", t(.colZone))) }
        columns += counts + [
            .init("green_change", t(.colGreenChange)), .init("portal_land_not_ready", t(.stagePortalLandNotReady)),
        ]
        tables.append(DataTable(name: "breakdown", columns: columns, rows: r.breakdown.rows.map { row in
            var cells: [Cell] = [.text(row.unit.dotted), .text(row.name)]
            if onePerUnit { cells.append(Zone.allCases.first { row.zones[$0] > 0 }.map(Cell.zone) ?? .empty) }
            return cells + [
                .integer(row.zones.hijau), .integer(row.zones.kuning), .integer(row.zones.merah), .integer(row.zones.total),
                .percent(row.zones.greenShare, digits: 1),
                row.previousGreen.map { .change(row.zones.hijau - $0) } ?? .empty, .integer(row.portalLandNotReady),
            ]
        }))
        blocks.append(.table("breakdown", caption: onePerUnit ? t(.breakdownOnePerUnit, level.lowercased()) : nil, limit: nil))
        sections.append(.init(id: "wilayah", title: t(.sectionBreakdown, c.levelName(r.breakdown.level, plural: true)), blocks: blocks))
    }

    mutating func changes() {
        var blocks: [ReportDocument.Block] = []
        let worse = r.changes.filter { ch in ch.from.map { ch.to > $0 } ?? false }.count
        let better = r.changes.filter { ch in ch.from.map { ch.to < $0 } ?? false }.count
        let new = r.changes.filter { $0.from == nil }.count
        if r.previousDate == nil {
            blocks.append(.note(t(.firstWeekNoChanges)))
        } else if r.changes.isEmpty {
            blocks.append(.paragraph(t(.noChanges)))
        } else {
            blocks.append(.paragraph(t(.changesSentence, f.integer(r.changes.count), f.integer(worse), f.integer(better),
                                       f.integer(new))))
        }
        tables.append(DataTable(name: "zone_changes", columns: [
            .init("kode_koperasi", t(.colCode)), .init("nama_koperasi", t(.colName)), .init("desa", t(.colVillage)),
            .init("kecamatan", t(.colDistrict)), .init("kabupaten", t(.colRegency)), .init("from", t(.colFrom)),
            .init("to", t(.colTo)), .init("tahap", t(.colStage)), .init("status_lahan", t(.colLand)),
            .init("red_reason", t(.colRedReason)),
        ], rows: r.changes.map { ch in
            [.text(ch.kode.description), .text(ch.names.nama ?? ""), .text(ch.names.desa ?? ""),
             .text(ch.names.kecamatan ?? ""), .text(ch.names.kabupaten ?? ""),
             ch.from.map(Cell.zone) ?? .coded("", label: t(.newCooperative)), .zone(ch.to),
             .coded(ch.tahap.rawValue, label: stageName(ch.tahap)),
             .coded(ch.statusLahan.rawValue, label: landName(ch.statusLahan)),
             ch.redReason.map { .coded($0.rawValue, label: redReasonName($0)) } ?? .text("")]
        }))
        if !r.changes.isEmpty { blocks.append(.table("zone_changes", caption: nil, limit: 40)) }
        sections.append(.init(id: "perubahan", title: t(.sectionChanges), blocks: blocks))
    }

    mutating func sCurves() {
        var blocks: [ReportDocument.Block] = []
        switch r.sCurves {
        case let .available(s):
            let intro = t(s.selection.introKey)
            blocks.append(.paragraph(intro))
            if addChart("scurves", .scurve, alt: t(s.selection.titleKey)) {
                let caption = s.averageDelayMultiplier.map { t(.sCurveCaptionBand, f.percent($0)) } ?? t(.sCurveCaptionObserved)
                blocks.append(.figure("scurves", caption: caption))
            }
            tables.append(DataTable(name: "scurve_cooperatives", columns: [
                .init("kode_koperasi", t(.colCode)), .init("nama_koperasi", t(.colName)), .init("desa", t(.colVillage)),
                .init("progress", t(.colProgress)), .init("weeks_building", t(.colWeeksBuilding)),
                .init("p50_green", t(.colP50Green)),
            ], rows: s.panels.map { p in
                [.text(p.kode.description), .text(p.names?.nama ?? ""), .text(p.names?.desa ?? ""),
                 p.observed.last.map { .number($0, digits: 1) } ?? .empty, .integer(p.weeksBuilding),
                 p.p50Green.map(Cell.date) ?? .empty]
            }))
            blocks.append(.table("scurve_cooperatives", caption: nil, limit: nil))
            var observed: [[Cell]] = []
            var projected: [[Cell]] = []
            for p in s.panels {
                for (d, v) in zip(p.observedDates, p.observed) {
                    observed.append([.text(p.kode.description), .date(d), .number(v, digits: 1)])
                }
                for k in p.projectionDates.indices {
                    projected.append([.text(p.kode.description), .date(p.projectionDates[k]),
                                      .number(p.projection[k], digits: 1), .number(p.projectionLower[k], digits: 1),
                                      .number(p.projectionUpper[k], digits: 1)])
                }
            }
            tables.append(DataTable(name: "scurve_observed", columns: [
                .init("kode_koperasi", t(.colCode)), .init("date", t(.colDate)), .init("progress", t(.colProgress)),
            ], rows: observed))
            tables.append(DataTable(name: "scurve_projection", columns: [
                .init("kode_koperasi", t(.colCode)), .init("date", t(.colDate)), .init("median", t(.colMedian)),
                .init("p10_speed", t(.colP10Speed)), .init("p90_speed", t(.colP90Speed)),
            ], rows: projected))
        case let .unavailable(key, detail):
            blocks.append(.note(unavailableText(key, detail)))
        }
        sections.append(.init(id: "kurva-s", title: t(.sectionSCurves), blocks: blocks))
    }

    mutating func warnings() {
        var blocks: [ReportDocument.Block] = []
        let w = r.warnings
        tables.append(DataTable(name: "warning_counts", columns: [
            .init("kind", t(.colKind)),
            .init("latest_week", t(.colLatestWeek)), .init("all_weeks", t(.colAllWeeks)),
        ], rows: w.counts.map { [.coded($0.kind.rawValue, label: warningName($0.kind)), .integer($0.latest), .integer($0.all)] }))
        tables.append(DataTable(name: "warnings_latest", columns: [
            .data("file", t(.colFile)), .init("line", t(.colLine)), .init("kode_koperasi", t(.colCode)),
            .init("name", t(.colName)), .init("kind", t(.colKind)), .data("column", t(.colColumn)),
            .init("value", t(.colValue)), .init("expected", t(.colExpectedValue)),
        ], rows: w.latest.map { item in
            let i = item.issue
            return [.text(i.file), i.line.map(Cell.integer) ?? .empty, .text(item.kode?.description ?? ""),
                    .text(item.name ?? ""), .coded(i.kind.rawValue, label: warningName(i.kind)), .text(i.column ?? ""),
                    valueCell(i.value ?? ""), expectedCell(i)]
        }))
        if w.counts.isEmpty {
            blocks.append(.paragraph(t(.noWarnings)))
        } else {
            blocks.append(.paragraph(t(.warningsIntro)))
            blocks.append(.table("warning_counts", caption: nil, limit: nil))
            if !w.latest.isEmpty {
                blocks.append(.table("warnings_latest", caption: t(.warningsLatestCaption, r.versions.latestFile), limit: 30))
            }
        }
        sections.append(.init(id: "peringatan", title: t(.sectionWarnings), blocks: blocks))
    }

    /// A value quoted from a data file: a decimal number (`20.7`) is shown with the
    /// language's decimal separator, anything else as it was found; programs get it as found.
    func valueCell(_ raw: String) -> Cell {
        guard f.language.decimalSeparator != ".", raw.contains("."),
              raw.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }), Double(raw) != nil
        else { return .text(raw) }
        return .coded(raw, label: raw.replacingOccurrences(of: ".", with: f.language.decimalSeparator))
    }

    /// What the importer expected, in the report's language; programs get the importer's text.
    func expectedCell(_ issue: SnapshotIssue) -> Cell {
        let shown = SnapshotIssueText.expected(issue, language: f.language)
        return shown == issue.expected || issue.expected.isEmpty ? .text(issue.expected) : .coded(issue.expected, label: shown)
    }

    mutating func versions() {
        let v = r.versions
        var rows: [[Cell]] = [
            [.text("tool"), .text(t(.versionTool)), .text("kendali " + v.toolVersion)],
            [.text("rule_set"), .text(t(.versionRuleSet)), .text(v.ruleSet)],
            [.text("rule_set_source"), .text(t(.versionRuleSetSource)),
             v.ruleSetSource.map(Cell.text) ?? .coded("built-in", label: t(.builtInRules))],
            [.text("rule_set_sha256"), .text(t(.versionRuleSetDigest)), .text(v.ruleSetDigest)],
            [.text("data_source"), .text(t(.versionDataSource)), .text(v.dataSource)],
            [.text("weeks"), .text(t(.versionWeeks)),
             .coded(String(v.weeks) + " " + v.firstDate.iso + "/" + r.asOf.iso,
                    label: f.integer(v.weeks) + " (" + f.date(v.firstDate) + " – " + f.date(r.asOf) + ")")],
            [.text("latest_file"), .text(t(.versionLatestFile)), .text(v.latestFile)],
            [.text("latest_file_sha256"), .text(t(.versionLatestDigest)), .text(v.latestDigest)],
            [.text("data_sha256"), .text(t(.versionDataDigest)), .text(v.dataDigest)],
        ]
        if let fc = v.forecast {
            rows.append([.text("forecast"), .text(t(.versionForecast)),
                         .coded("seed=\(fc.seed) paths=\(fc.paths) horizon=\(fc.horizon)",
                                label: t(.forecastSettings, String(fc.seed), f.integer(fc.paths), f.integer(fc.horizon)))])
        } else {
            rows.append([.text("forecast"), .text(t(.versionForecast)), .coded("", label: t(.notRun))])
        }
        if let m = v.construction {
            rows.append([.text("construction_model"), .text(t(.versionModel)),
                         .coded("rows=\(m.rows) converged=\(m.converged)",
                                label: t(.modelSettings, f.integer(m.rows), m.converged ? t(.converged) : t(.notConverged)))])
        }
        tables.append(DataTable(name: "versions", columns: [
            .data("item", t(.colItem)), .display("label", t(.colDescription)), .init("value", t(.colValue)),
        ], rows: rows))
        sections.append(.init(id: "versi", title: t(.sectionVersions),
                              blocks: [.paragraph(t(.versionsIntro)), .table("versions", caption: nil, limit: nil)]))
    }
}
