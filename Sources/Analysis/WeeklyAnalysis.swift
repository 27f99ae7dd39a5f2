import KendaliData

/// Why a section of the analysis has no data.
public enum UnavailableReason: String, Sendable, CaseIterable {
    /// The forecast was not asked for.
    case forecastNotRequested
    /// The models could not be fitted or the forecast failed.
    case forecastFailed
    /// The forecast has no curve for the unit.
    case forecastNotAtDistrict
    /// The Kaplan–Meier curves could not be computed.
    case survivalFailed
    /// No priority ranking was given and none was computed.
    case prioritiesNotGiven
    /// None of the cooperatives asked for is in the unit.
    case requestedNotFound
    /// No cooperative is under construction.
    case noneBuilding
}

/// The content of a section whose input may be missing: the data, or why it is absent.
///
/// An analysis never fills a section with invented numbers: when the forecast, the factor
/// model or the priority ranking is not available, the section says so.
public enum SectionContent<Value: Sendable>: Sendable {
    /// The section's data.
    case available(Value)
    /// Not available, with the reason plus an optional detail such as a model error.
    case unavailable(UnavailableReason, detail: String?)

    /// The data, or `nil` when unavailable.
    public var value: Value? {
        if case let .available(v) = self { return v }
        return nil
    }
}

/// The headline figures: zones and stages this week and their change since last week.
public struct Headline: Sendable {
    /// Cooperatives that reported this week.
    public var reporting: Int
    /// Cooperatives ever seen up to this week.
    public var known: Int
    /// Cooperatives seen before but missing this week.
    public var missingThisWeek: Int
    /// Zones this week.
    public var zones: ZoneTally
    /// Zones last week (`nil` for the first week).
    public var previousZones: ZoneTally?
    /// This week's counts (zones, stages, portal but land not ready), as `kendali status`
    /// counts them.
    public var stages: StatusCounts
    /// Last week's counts.
    public var previousStages: StatusCounts?
    /// Cooperatives green at some report so far (the burn-up's observed value).
    public var everGreen: Int
    /// Mean `progres_fisik` of the cooperatives under construction, points.
    public var meanProgressBuilding: Double?
}

/// The zone counts of every week.
public struct ZoneTrend: Sendable {
    /// The report dates, oldest first.
    public var dates: [Day]
    /// The zone counts of each date.
    public var tallies: [ZoneTally]
}

/// The forecast number of green cooperatives by week, with its P10–P90 band.
public struct ForecastCurve: Sendable {
    /// The week dates from the as-of date on.
    public var dates: [Day]
    /// Expected number green.
    public var expected: [Double]
    /// P10 across simulated worlds.
    public var lower: [Double]
    /// P90 across simulated worlds.
    public var upper: [Double]
    /// Median date by which 50 %, 90 %, 100 % are green (`nil` beyond the horizon).
    public var date50: Day?
    /// See ``date50``.
    public var date90: Day?
    /// See ``date50``.
    public var date100: Day?
    /// The last date forecast.
    public var horizonEnd: Day
    /// Cooperatives in the forecast set.
    public var total: Int
    /// Green by the as-of week in the forecast's own count.
    public var greenAtAsOf: Int
    /// Paths per cooperative.
    public var paths: Int
    /// Model-wide assumptions the forecast rests on (from the model, in English).
    public var assumptions: [String]
}

/// The burn-up: cooperatives green so far, observed, and the forecast.
///
/// Two counts of green, each under its own name: ``greenNow`` ("hijau minggu ini", green
/// this week) is the zone of the week's reports, as the headline and `kendali status`
/// count it; ``observed`` ("pernah hijau", ever green) counts the cooperatives green at
/// some report so far, which is what the forecast is about (the first time a cooperative
/// reaches green). The difference is the cooperatives that were green and are not this
/// week (they fell back, or did not report).
public struct BurnUp: Sendable {
    /// The report dates, oldest first.
    public var observedDates: [Day]
    /// Cumulative cooperatives green at some report up to each date (ever green).
    public var observed: [Int]
    /// Cooperatives whose report of each date is green (green this week).
    public var greenNow: [Int]
    /// Cooperatives in the unit.
    public var total: Int
    /// The forecast, when available.
    public var forecast: SectionContent<ForecastCurve>
}

/// One delay factor and what it cost in the unit.
public struct FactorRow: Sendable {
    /// The factor.
    public var factor: DelayFactor
    /// Whether its effect was estimated (the flag was raised often enough).
    public var estimated: Bool
    /// δ: share of a week's construction work lost in a flagged week.
    public var shareLost: Double
    /// 95 % interval of δ.
    public var shareLostInterval: (lower: Double, upper: Double)
    /// Construction weeks of the unit's cooperatives with the flag raised.
    public var flaggedWeeks: Int
    /// Construction weeks lost in the unit: flagged weeks × δ.
    public var weeksLost: Double
    /// 95 % interval of ``weeksLost``.
    public var weeksLostInterval: (lower: Double, upper: Double)
    /// Progress points lost per flagged week.
    public var pointsPerFlaggedWeek: Double
}

/// The delay factors and their cost.
public struct FactorSection: Sendable {
    /// One row per factor.
    public var factors: [FactorRow]
    /// Construction rows the model was fitted on.
    public var modelRows: Int
    /// Weeks of delay observed so far in the unit per factor and phase (``DelayAccounting``,
    /// in ``DelayItem`` order): the accounting the chart and the causes table show.
    public var delays: [DelayTotal]
}

/// One Kaplan–Meier curve of time to green.
public struct SurvivalCurve: Sendable {
    /// The group's name (a unit name, or the report's own unit for the overall curve).
    public var label: String
    /// The group's unit, `nil` for the overall curve.
    public var unit: AdminUnit?
    /// Cooperatives in the group.
    public var cooperatives: Int
    /// Cooperatives green so far (events).
    public var events: Int
    /// Weeks since the first report at which half are green, if reached.
    public var medianWeeks: Double?
    /// Step points: weeks since the first report, share not yet green, band.
    public var times: [Double]
    /// See ``times``.
    public var survival: [Double]
    /// See ``times``.
    public var lower: [Double]
    /// See ``times``.
    public var upper: [Double]
}

/// Kaplan–Meier time to green, overall and by the units one level down.
public struct SurvivalSection: Sendable {
    /// The whole unit.
    public var overall: SurvivalCurve
    /// The units one level down with the most cooperatives (at most 12).
    public var groups: [SurvivalCurve]
    /// Groups left out of ``groups`` (smallest ones).
    public var omittedGroups: Int
    /// The longest follow-up, weeks.
    public var maximumWeeks: Double
}

/// One cooperative of the unit as the report's full list shows it.
public struct CooperativeListRow: Sendable {
    /// The cooperative.
    public var kode: CooperativeCode
    /// Its names as last reported.
    public var names: CooperativeNames
    /// Its zone at its latest report.
    public var zone: Zone?
    /// The criteria of the green rule its latest report misses (empty when green).
    public var missingForGreen: [GreenShortfall]
    /// Its stage at its latest report.
    public var tahap: Tahap?
    /// `progres_fisik` at its latest report, points.
    public var progress: Double?
    /// Whether it has a green-date forecast (forecast, and never green so far).
    public var forecast: Bool
    /// P50 green date (`nil`: beyond the horizon when ``forecast``, else not forecast).
    public var p50: Day?
    /// P90 green date, like ``p50``.
    public var p90: Day?
    /// Its largest delay observed so far (``DelayAccounting``), `nil` without one or
    /// without a forecast.
    public var mainDelay: DelayItem?
    /// Report weeks since its latest report (0: reported this week).
    public var weeksSilent: Int
}

/// Every cooperative of the unit, in code order, with the forecast's horizon.
public struct CooperativeList: Sendable {
    /// The rows.
    public var rows: [CooperativeListRow]
    /// Weeks from the as-of date to the first week beyond the forecast's horizon, when
    /// forecast (a P50 beyond the horizon is at least this far).
    public var beyondWeeks: Int?
}

/// One row of the priority ranking (as `kendali rank` writes it).
public struct PriorityEntry: Sendable, Hashable {
    /// The cooperative.
    public var kode: CooperativeCode
    /// Its zone when ranked, as written by the ranking.
    public var zone: String
    /// The intervention that moves its P50 green date the most.
    public var intervention: String
    /// P50 green date without the intervention.
    public var p50Now: Day?
    /// P50 green date with it.
    public var p50After: Day?
    /// Weeks gained, `p50_now − p50_after`.
    public var weeksGained: Double
    /// The one-sentence reason written by the ranking, if any.
    public var reason: String?
    /// Weeks from the as-of date to the first week beyond the horizon, when known (a P50
    /// beyond the horizon is at least this far).
    public var beyondWeeks: Int?
    /// What the reason says, when the ranking was computed with the analysis (rendered in
    /// the report's language in preference to ``reason``).
    public var explanation: PriorityExplanation?

    /// An entry.
    public init(
        kode: CooperativeCode, zone: String, intervention: String, p50Now: Day?, p50After: Day?,
        weeksGained: Double, reason: String?
    ) {
        self.kode = kode
        self.zone = zone
        self.intervention = intervention
        self.p50Now = p50Now
        self.p50After = p50After
        self.weeksGained = weeksGained
        self.reason = reason
    }
}

/// The priority list shown: entries of the unit in ranking order, with names.
public struct PrioritySection: Sendable {
    /// The entries, in the ranking's order.
    public var entries: [PriorityEntry]
    /// Names of each entry's cooperative (parallel to ``entries``).
    public var names: [CooperativeNames?]
    /// Where the ranking came from (a file name).
    public var source: String
}

/// One unit of the breakdown table.
public struct BreakdownRow: Sendable {
    /// The unit.
    public var unit: AdminUnit
    /// Its name.
    public var name: String
    /// Zones this week.
    public var zones: ZoneTally
    /// Green last week.
    public var previousGreen: Int?
    /// Cooperatives in the portal whose land is not ready.
    public var portalLandNotReady: Int
}

/// The units one level down with their zones (the regency × zone table at province tier).
public struct Breakdown: Sendable {
    /// The level of the rows.
    public var level: AdminLevel
    /// The rows, by code.
    public var rows: [BreakdownRow]
}

/// A cooperative whose zone changed this week.
public struct ZoneChange: Sendable {
    /// The cooperative.
    public var kode: CooperativeCode
    /// Its names.
    public var names: CooperativeNames
    /// Zone at its previous report (`nil`: first report this week).
    public var from: Zone?
    /// Zone now.
    public var to: Zone
    /// Why it is red, when it is.
    public var redReason: RedReason?
    /// Its stage now.
    public var tahap: Tahap
    /// Its land status now.
    public var statusLahan: StatusLahan
}

/// Why a cooperative's S-curve is shown.
public enum SCurveSelection: String, Sendable, Codable {
    /// From the priority ranking.
    case priority
    /// Most delayed under construction (latest forecast green date, or longest building).
    case mostDelayed = "most_delayed"
    /// Asked for by code.
    case requested
}

/// One cooperative's observed construction progress and its projection.
public struct SCurvePanel: Sendable {
    /// The cooperative.
    public var kode: CooperativeCode
    /// Its names.
    public var names: CooperativeNames?
    /// Report dates with a progress value.
    public var observedDates: [Day]
    /// `progres_fisik` at each date, points.
    public var observed: [Double]
    /// Projected dates from the last report on (empty without a forecast).
    public var projectionDates: [Day]
    /// Projected progress at the median speed.
    public var projection: [Double]
    /// At the P10 speed.
    public var projectionLower: [Double]
    /// At the P90 speed.
    public var projectionUpper: [Double]
    /// Forecast P50 green date, when forecast.
    public var p50Green: Day?
    /// Weeks since the first construction report.
    public var weeksBuilding: Int
}

/// The S-curve small multiples.
public struct SCurveSection: Sendable {
    /// Why these cooperatives.
    public var selection: SCurveSelection
    /// One panel per cooperative.
    public var panels: [SCurvePanel]
    /// The average share of a week's work done given the delays reported, used in the
    /// projection (`nil` without a forecast).
    public var averageDelayMultiplier: Double?
}

/// One warning of the latest week, with the cooperative it is about.
public struct WarningItem: Sendable {
    /// The warning as found on import.
    public var issue: SnapshotIssue
    /// The cooperative of its row (or the missing one), when known.
    public var kode: CooperativeCode?
    /// The cooperative's name, when known.
    public var name: String?
}

/// Data warnings found on import.
public struct WarningSection: Sendable {
    /// Per kind: warnings in the latest week and in all weeks, for the unit.
    public var counts: [(kind: SnapshotIssue.Kind, latest: Int, all: Int)]
    /// The latest week's warnings for the unit (file-level ones included).
    public var latest: [WarningItem]
}

/// The versions of everything the report rests on.
public struct VersionSection: Sendable {
    /// The tool's version (given by the caller).
    public var toolVersion: String
    /// The rule set's label.
    public var ruleSet: String
    /// SHA-256 of the rule set's JSON.
    public var ruleSetDigest: String
    /// Where the rules came from (a file name, or the built-in default).
    public var ruleSetSource: String?
    /// Where the data came from.
    public var dataSource: String
    /// Weeks used.
    public var weeks: Int
    /// First report date.
    public var firstDate: Day
    /// The latest file's name.
    public var latestFile: String
    /// SHA-256 of the latest file.
    public var latestDigest: String
    /// SHA-256 over every week's date and file digest, in order: one fingerprint of the data.
    public var dataDigest: String
    /// The forecast's seed, paths and horizon, when a forecast was made.
    public var forecast: (seed: UInt64, paths: Int, horizon: Int)?
    /// The construction model's rows and convergence, when fitted.
    public var construction: (rows: Int, converged: Bool)?
}

/// The week's analysis of one unit: every figure of the weekly report, computed once and
/// independent of language and output format.
///
/// Made by ``Analyser/analyse(history:options:progress:)``; the `Reports` module renders
/// it to HTML, Markdown, SVG charts, CSV and JSON.
public struct WeeklyAnalysis: Sendable {
    /// The unit covered.
    public var unit: AdminUnit
    /// Its name.
    public var unitName: String
    /// The level of the units one down (the breakdown's rows).
    public var childLevel: AdminLevel
    /// The latest report date included.
    public var asOf: Day
    /// The report date before it, if any.
    public var previousDate: Day?
    /// Headline figures.
    public var headline: Headline
    /// Zones over all weeks.
    public var trend: ZoneTrend
    /// Observed and forecast green counts.
    public var burnUp: BurnUp
    /// Delay factors.
    public var factors: SectionContent<FactorSection>
    /// Kaplan–Meier time to green.
    public var survival: SectionContent<SurvivalSection>
    /// The priority list.
    public var priorities: SectionContent<PrioritySection>
    /// The units one level down.
    public var breakdown: Breakdown
    /// Operations and business health of the operating cooperatives, per unit one level
    /// down, with the falling ones.
    public var health: HealthSection
    /// Cooperatives that changed zone this week (worst first).
    public var changes: [ZoneChange]
    /// Every cooperative of the unit.
    public var cooperatives: CooperativeList
    /// S-curves of the top-priority or most-delayed cooperatives.
    public var sCurves: SectionContent<SCurveSection>
    /// Data warnings.
    public var warnings: WarningSection
    /// Versions.
    public var versions: VersionSection
    /// The cooperatives whose P50 moved most since last week, with the reason; `nil`
    /// without a forecast.
    public var forecastMoves: ForecastMoveSection? = nil
}

/// Names of a cooperative as last reported.
extension CooperativeNames {
    /// The cooperative's name, or its village's, or `–`.
    public var displayName: String {
        if let n = nama, !n.isEmpty { return n }
        if let d = desa, !d.isEmpty { return d }
        return "–"
    }
}
