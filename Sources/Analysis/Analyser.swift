import Forecasting
import KendaliData

/// The priority ranking given to an analysis, and where it came from.
public struct PriorityInput: Sendable {
    /// The ranking's rows, best first.
    public var entries: [PriorityEntry]
    /// Its source, named in the report (a file name).
    public var source: String

    /// A ranking from `source`.
    public init(entries: [PriorityEntry], source: String) {
        self.entries = entries
        self.source = source
    }
}

/// What to analyse and how.
public struct AnalysisOptions: Sendable {
    /// The tier covered.
    public var level: ReportLevel
    /// The last report date to include (`nil`: every week).
    public var asOf: Day?
    /// The zone rules.
    public var rules: RuleSet
    /// Where the rules came from (a file name), `nil` for the built-in default.
    public var ruleSetSource: String?
    /// Whether to fit the models and run the green-date forecast.
    public var forecast: Bool
    /// The forecast's seed.
    public var seed: UInt64
    /// Monte Carlo paths per cooperative; `nil` chooses by size (500 for a province,
    /// fewer for larger sets so a national report stays fast).
    public var paths: Int?
    /// Cooperatives in the S-curve small multiples.
    public var sCurveCount: Int
    /// Cooperatives whose S-curves to show instead of the top-priority or most-delayed
    /// ones (`nil`: choose).
    public var sCurveCodes: [CooperativeCode]?
    /// The priority ranking, when one is given.
    public var priorities: PriorityInput?
    /// When no ranking is given: compute it from the analysis's forecast (counterfactual
    /// forecasts of every yellow and red cooperative of the unit).
    public var computePriorities: Bool = true
    /// The tool's version, recorded in the versions section.
    public var toolVersion: String

    /// Options; the defaults make a province report with a forecast under seed 1.
    public init(
        level: ReportLevel = .province(nil), asOf: Day? = nil, rules: RuleSet = .default,
        ruleSetSource: String? = nil, forecast: Bool = true, seed: UInt64 = 1, paths: Int? = nil,
        sCurveCount: Int = 9, sCurveCodes: [CooperativeCode]? = nil, priorities: PriorityInput? = nil,
        toolVersion: String = "dev"
    ) {
        self.level = level
        self.asOf = asOf
        self.rules = rules
        self.ruleSetSource = ruleSetSource
        self.forecast = forecast
        self.seed = seed
        self.paths = paths
        self.sCurveCount = max(1, sCurveCount)
        self.sCurveCodes = sCurveCodes
        self.priorities = priorities
        self.toolVersion = toolVersion
    }
}

/// The steps of an analysis, for progress messages.
public enum AnalysisStage: String, Sendable {
    /// Classifying every report into zones.
    case zones
    /// Fitting the models and running the forecast.
    case forecast
    /// Kaplan–Meier curves, S-curves and the other sections.
    case sections
}

/// Analyses a history: the ``WeeklyAnalysis`` of one unit (with the forecast and the
/// priorities when available).
public enum Analyser {
    /// The analysis of `options.level` from `history`.
    ///
    /// - Parameter progress: called at the start of each step (for a progress display).
    /// - Throws: ``AnalysisError/noWeeks`` when no week is on or before the as-of date,
    ///   ``AnalysisError/unknownUnit(_:)`` when the unit has no cooperative in the data.
    /// - Complexity: O(R · W) for the zones of R reports plus the forecast (cooperatives ×
    ///   paths × weeks simulated).
    public static func analyse(
        history: SnapshotHistory, options: AnalysisOptions, progress: (AnalysisStage) -> Void = { _ in }
    ) throws(AnalysisError) -> WeeklyAnalysis {
        let weeks = options.asOf.map { day in history.weeks.filter { $0.date <= day } } ?? history.weeks
        guard let latestWeek = weeks.last else { throw .noWeeks }
        let unit = options.level.unit(provincesPresent: provinces(in: weeks))
        let childLevel = childLevel(of: unit.level)

        progress(.zones)
        let pass = ZonePass(weeks: weeks, unit: unit, childLevel: childLevel, rules: options.rules)
        guard !pass.cooperatives.isEmpty else { throw .unknownUnit(unitDescription(unit)) }
        let last = weeks.count - 1
        let unitName = name(of: unit, pass: pass)

        // Headline.
        var reporting = 0
        for c in pass.cooperatives where c.lastWeek == last { reporting += 1 }
        let headline = Headline(
            reporting: reporting, known: pass.cooperatives.count,
            missingThisWeek: pass.cooperatives.count - reporting,
            zones: pass.tallies[last], previousZones: last > 0 ? pass.tallies[last - 1] : nil,
            stages: pass.stagesLatest, previousStages: last > 0 ? pass.stagesPrevious : nil,
            everGreen: pass.everGreen[last], meanProgressBuilding: pass.meanProgressBuilding)
        let trend = ZoneTrend(dates: weeks.map(\.date), tallies: pass.tallies)

        // Forecast and what hangs on it.
        progress(.forecast)
        let outlook = ForecastOutlook.make(
            weeks: weeks, source: history.source, unit: unit, pass: pass, options: options)

        progress(.sections)
        let burnUp = BurnUp(
            observedDates: trend.dates, observed: pass.everGreen, greenNow: pass.tallies.map(\.hijau),
            total: pass.cooperatives.count, forecast: outlook.curve)
        let breakdown = makeBreakdown(pass: pass, level: childLevel)
        let survival = SurvivalBuilder.make(weeks: weeks, pass: pass, unitName: unitName, childLevel: childLevel,
                                            names: { code in breakdownName(code, level: childLevel, pass: pass) })
        let priorities = makePriorities(
            options.priorities ?? (options.computePriorities ? computedPriorities(outlook: outlook, unit: unit) : nil),
            pass: pass)
        let sCurves = SCurveBuilder.make(
            weeks: weeks, pass: pass, priorities: priorities.value, requested: options.sCurveCodes,
            outlook: outlook, count: options.sCurveCount)

        var analysis = WeeklyAnalysis(
            unit: unit, unitName: unitName, childLevel: childLevel, asOf: latestWeek.date,
            previousDate: last > 0 ? weeks[last - 1].date : nil, headline: headline, trend: trend,
            burnUp: burnUp, factors: outlook.factors, survival: survival, priorities: priorities,
            breakdown: breakdown,
            health: HealthSummary.compute(
                weeks: weeks, scope: unit, rowLevel: childLevel, rules: options.rules.health ?? .standard,
                ruleSet: options.rules.label, totalName: unitName),
            changes: makeChanges(pass: pass, last: last),
            cooperatives: makeCooperativeList(pass: pass, last: last, outlook: outlook, rules: options.rules),
            sCurves: sCurves, warnings: makeWarnings(weeks: weeks, pass: pass, unit: unit),
            versions: makeVersions(weeks: weeks, source: history.source, options: options, outlook: outlook))
        analysis.forecastMoves = ForecastMoveList.make(outlook: outlook, unit: unit, weeks: weeks)
        return analysis
    }

    // MARK: Units and names

    /// The province codes present in `weeks` (ascending).
    static func provinces(in weeks: [SnapshotHistory.Week]) -> [Int] {
        var out = Set<Int>()
        for week in weeks {
            var previous = -1
            for r in week.records where r.kode.province != previous {
                previous = r.kode.province
                out.insert(previous)
            }
        }
        return out.sorted()
    }

    /// The level one down from `level` (village for a district).
    static func childLevel(of level: AdminLevel) -> AdminLevel {
        switch level {
        case .national: .province
        case .province: .regency
        case .regency: .district
        case .district, .village: .village
        }
    }

    static func unitDescription(_ unit: AdminUnit) -> String {
        switch unit.level {
        case .national: "the data"
        case .province: "province \(unit.code)"
        case .regency: "regency \(unit.code)"
        case .district: "district \(unit.code)"
        case .village: "village \(unit.code)"
        }
    }

    /// The name of the report's unit, from the names reported.
    static func name(of unit: AdminUnit, pass: ZonePass) -> String {
        switch unit.level {
        case .national: return "Indonesia"
        case .province: return AdminNames.provinces[Int(unit.code)] ?? unit.dotted
        case .regency: return pass.cooperatives.lazy.compactMap(\.kabupaten).first ?? unit.dotted
        case .district: return pass.cooperatives.lazy.compactMap(\.kecamatan).first ?? unit.dotted
        case .village: return pass.cooperatives.lazy.compactMap(\.desa).first ?? unit.dotted
        }
    }

    /// The name of a child unit (by its code at `level`).
    static func breakdownName(_ code: Int64, level: AdminLevel, pass: ZonePass) -> String {
        let unit = AdminUnit(level: level, code: code)
        if level == .province { return AdminNames.provinces[Int(code)] ?? unit.dotted }
        let range = ZonePass.codeRange(of: unit)
        // The unit's cooperatives are contiguous in code order.
        var lo = 0, hi = pass.cooperatives.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if pass.cooperatives[mid].kode.value < range.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var k = lo
        while k < pass.cooperatives.count, pass.cooperatives[k].kode.value <= range.upperBound {
            let c = pass.cooperatives[k]
            let name: String? = switch level {
            case .regency: c.kabupaten
            case .district: c.kecamatan
            case .village: c.nama.map { n in c.desa.map { "\($0) — \(n)" } ?? n } ?? c.desa
            default: nil
            }
            if let name, !name.isEmpty { return name }
            k += 1
        }
        return unit.dotted
    }

    // MARK: Sections

    static func makeBreakdown(pass: ZonePass, level: AdminLevel) -> Breakdown {
        var codes = Set(pass.childLatest.keys)
        codes.formUnion(pass.childPrevious.keys)
        let rows = codes.sorted().map { code in
            BreakdownRow(
                unit: AdminUnit(level: level, code: code),
                name: breakdownName(code, level: level, pass: pass),
                zones: pass.childLatest[code] ?? ZoneTally(),
                previousGreen: pass.childPrevious.isEmpty ? nil : (pass.childPrevious[code]?.hijau ?? 0),
                portalLandNotReady: pass.childPortalLandNotReady[code] ?? 0)
        }
        return Breakdown(level: level, rows: rows)
    }

    static func makeChanges(pass: ZonePass, last: Int) -> [ZoneChange] {
        var out: [ZoneChange] = []
        for (slot, c) in pass.cooperatives.enumerated() where c.lastWeek == last {
            guard let to = c.zone, let r = c.latest, c.previousZone != to else { continue }
            out.append(ZoneChange(
                kode: c.kode, names: pass.names(of: slot), from: c.previousZone, to: to, redReason: c.redReason,
                tahap: r.tahap, statusLahan: r.statusLahan))
        }
        // Worse first (into red, then into yellow), then improvements; new ones last.
        func order(_ z: ZoneChange) -> Int {
            guard let from = z.from else { return 10 + z.to.rank }
            return z.to > from ? 2 - z.to.rank : 3 + z.to.rank
        }
        out.sort { order($0) != order($1) ? order($0) < order($1) : $0.kode < $1.kode }
        return out
    }

    /// The ranking of the unit's yellow and red cooperatives from the analysis's own
    /// forecast (``PriorityRanker``), with what each row's reason says; `nil` without a
    /// forecast.
    static func computedPriorities(outlook: ForecastOutlook, unit: AdminUnit) -> PriorityInput? {
        guard let forecast = outlook.forecast, let panel = outlook.panel else { return nil }
        let codes = ZonePass.codeRange(of: unit)
        let rows = PriorityRanker.rank(panel: panel, forecast: forecast, include: { codes.contains(panel.codes[$0].value) })
        let target = forecast.targetDate
        let entries = rows.map { r -> PriorityEntry in
            var e = PriorityEntry(
                kode: r.code, zone: r.zone.rawValue, intervention: r.intervention?.rawValue ?? "none",
                p50Now: r.now.p50.map { forecast.date(ofWeek: $0) }, p50After: r.after.p50.map { forecast.date(ofWeek: $0) },
                weeksGained: Double(r.weeksGained), reason: nil)
            e.beyondWeeks = r.beyondWeek - forecast.asOfWeek
            e.explanation = PriorityExplanation(r, panel: panel, forecast: forecast, target: target)
            return e
        }
        return PriorityInput(entries: entries, source: "kendali rank")
    }

    /// Every cooperative of the unit with its zone, what it misses for green, its forecast
    /// and its main delay so far.
    static func makeCooperativeList(pass: ZonePass, last: Int, outlook: ForecastOutlook, rules: RuleSet)
        -> CooperativeList
    {
        let classifier = ZoneClassifier(rules: rules)
        var rows: [CooperativeListRow] = []
        rows.reserveCapacity(pass.cooperatives.count)
        for (slot, c) in pass.cooperatives.enumerated() {
            var missing = c.lastReport.map { classifier.missingForGreen($0.zoneInputs) } ?? []
            if let zone = c.zone, zone != .hijau, missing.isEmpty {
                // Every threshold met but not green: the rule set's health rule.
                missing = [GreenShortfall(criterion: .usahaSehat, value: 0, needed: 1)]
            } else if c.zone == .hijau {
                missing = []
            }
            let forecast: CooperativeForecast? = outlook.cooperativeForecast(c.kode)
            var p50: Day?, p90: Day?
            if let fc = forecast, let f = outlook.forecast {
                p50 = fc.p50.map { f.date(ofWeek: $0) }
                p90 = fc.p90.map { f.date(ofWeek: $0) }
            }
            var main: DelayItem?
            if let i = outlook.panelIndex(c.kode), let accounting = outlook.accounting { main = accounting.mainDelay(of: i) }
            rows.append(CooperativeListRow(
                kode: c.kode, names: pass.names(of: slot), zone: c.zone, missingForGreen: missing,
                tahap: c.lastReport?.tahap, progress: c.lastReport?.progresFisik, forecast: forecast != nil,
                p50: p50, p90: p90, mainDelay: main, weeksSilent: max(0, last - c.lastWeek)))
        }
        return CooperativeList(rows: rows, beyondWeeks: outlook.forecast.map { $0.options.horizon + 1 })
    }

    static func makePriorities(_ input: PriorityInput?, pass: ZonePass) -> SectionContent<PrioritySection> {
        guard let input else { return .unavailable(.prioritiesNotGiven, detail: nil) }
        var entries: [PriorityEntry] = []
        var names: [CooperativeNames?] = []
        for e in input.entries {
            guard let slot = pass.slot(of: e.kode) else { continue }
            entries.append(e)
            names.append(pass.names(of: slot))
        }
        return .available(PrioritySection(entries: entries, names: names, source: input.source))
    }

    static func makeWarnings(weeks: [SnapshotHistory.Week], pass: ZonePass, unit: AdminUnit) -> WarningSection {
        let codes = ZonePass.codeRange(of: unit)
        var latestCount: [SnapshotIssue.Kind: Int] = [:]
        var allCount: [SnapshotIssue.Kind: Int] = [:]
        var latest: [WarningItem] = []
        let last = weeks.count - 1
        for (t, week) in weeks.enumerated() where !week.warnings.isEmpty {
            let codeOfLine = LineCodes(
                week: week, rows: pass.ranges[t], needed: week.warnings.contains { $0.line != nil })
            for w in week.warnings {
                let inUnit: Bool
                var kode: CooperativeCode?
                if let line = w.line {
                    kode = codeOfLine[line]
                    inUnit = kode != nil
                } else if w.kind == .cooperativeMissing, let v = w.value, let code = CooperativeCode(parsing: v) {
                    kode = code
                    inUnit = codes.contains(code.value)
                } else {
                    inUnit = true
                }
                guard inUnit else { continue }
                allCount[w.kind, default: 0] += 1
                if t == last {
                    latestCount[w.kind, default: 0] += 1
                    let name = kode.flatMap { pass.slot(of: $0) }.map { pass.names(of: $0).displayName }
                    latest.append(WarningItem(issue: w, kode: kode, name: name))
                }
            }
        }
        // The import's cooperative_missing warnings name the cooperatives that reported the
        // week before; those silent longer were named when they fell silent. Every other
        // cooperative of the unit that is silent in the latest week is added here, with its
        // weeks of silence, so the week's list of non-reporters is complete.
        if last >= 0 {
            let named = Set(latest.compactMap { $0.issue.kind == .cooperativeMissing ? $0.kode : nil })
            for (slot, c) in pass.cooperatives.enumerated()
            where c.lastWeek >= 0 && c.lastWeek < last && !named.contains(c.kode) {
                let silent = last - c.lastWeek
                let issue = SnapshotIssue(
                    .cooperativeMissing, file: weeks[last].fileName, line: nil, column: "kode_koperasi",
                    value: c.kode.description,
                    expected: "a row for this cooperative, silent \(silent) week\(silent == 1 ? "" : "s") since its report of \(weeks[c.lastWeek].date.iso)")
                latestCount[.cooperativeMissing, default: 0] += 1
                allCount[.cooperativeMissing, default: 0] += 1
                latest.append(WarningItem(issue: issue, kode: c.kode, name: pass.names(of: slot).displayName))
            }
        }
        let counts = SnapshotIssue.Kind.allCases.compactMap { kind -> (kind: SnapshotIssue.Kind, latest: Int, all: Int)? in
            guard let all = allCount[kind] else { return nil }
            return (kind, latestCount[kind] ?? 0, all)
        }
        return WarningSection(counts: counts, latest: latest)
    }

    /// The code of the unit's report on each line of a week's file (the last such report
    /// when several give the same line), for placing the week's warnings.
    struct LineCodes {
        /// Row + 1 of the report on each line (0: none), when the lines are few enough to
        /// index directly.
        private var rowOfLine: [Int32] = []
        /// The same, by dictionary, when they are not.
        private var byLine: [Int: Int] = [:]
        private let week: SnapshotHistory.Week

        /// The lines of `rows` of `week`; nothing is indexed when `needed` is false.
        ///
        /// - Complexity: O(rows + largest line) when the largest line is at most a few times
        ///   the week's reports (a file's lines are), O(rows) hashing otherwise.
        init(week: SnapshotHistory.Week, rows: Range<Int>, needed: Bool) {
            self.week = week
            guard needed else { return }
            let rows = rows.clamped(to: 0..<min(week.records.count, week.recordLines.count))
            var largest = 0, smallest = 0
            for k in rows {
                largest = max(largest, week.recordLines[k])
                smallest = min(smallest, week.recordLines[k])
            }
            if smallest >= 0, largest <= 4 * week.records.count + 1024, rows.upperBound < Int(Int32.max) {
                rowOfLine = Array(repeating: 0, count: largest + 1)
                for k in rows { rowOfLine[week.recordLines[k]] = Int32(k + 1) }
            } else {
                for k in rows { byLine[week.recordLines[k]] = k }
            }
        }

        /// The code of the report on `line`, if one of the unit's reports is there.
        subscript(line: Int) -> CooperativeCode? {
            let row: Int?
            if !rowOfLine.isEmpty {
                let stored = line >= 0 && line < rowOfLine.count ? Int(rowOfLine[line]) : 0
                row = stored > 0 ? stored - 1 : nil
            } else {
                row = byLine[line]
            }
            return row.map { week.records[$0].kode }
        }
    }

    static func makeVersions(
        weeks: [SnapshotHistory.Week], source: SnapshotHistory.Source, options: AnalysisOptions,
        outlook: ForecastOutlook
    ) -> VersionSection {
        var fingerprint = ""
        for week in weeks { fingerprint += week.date.iso + " " + week.contentDigest + "\n" }
        let latest = weeks[weeks.count - 1]
        let sourceText: String = switch source {
        case let .folder(path): "folder " + lastComponent(path)
        case let .store(path): "store " + lastComponent(path)
        case .memory: "memory"
        }
        return VersionSection(
            toolVersion: options.toolVersion, ruleSet: options.rules.label,
            ruleSetDigest: SnapshotDigest.sha256Hex(Array(options.rules.jsonText().utf8)),
            ruleSetSource: options.ruleSetSource, dataSource: sourceText, weeks: weeks.count,
            firstDate: weeks[0].date, latestFile: latest.fileName, latestDigest: latest.contentDigest,
            dataDigest: SnapshotDigest.sha256Hex(Array(fingerprint.utf8)),
            forecast: outlook.forecastOptions.map { ($0.seed, $0.paths, $0.horizon) },
            construction: outlook.construction)
    }

    /// The last path component (an analysis never records the machine's folders).
    static func lastComponent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        return p.split(separator: "/").last.map(String.init) ?? String(p)
    }
}
