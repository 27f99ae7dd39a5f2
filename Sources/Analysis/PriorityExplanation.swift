import Forecasting
import KendaliData

/// What the one-sentence reason of a computed priority row says, in plain values: the
/// intervention, from when, the P50 green date before and after, the weeks gained and the
/// change in the probability of green by the target date.
///
/// The sentence itself is written in the report's language by the renderer.
public struct PriorityExplanation: Sendable, Hashable {
    /// The best intervention, `nil` when none moves the P50 green date.
    public var intervention: InterventionKind?
    /// The main cause of delay without intervention.
    public var mainCause: DelayCause
    /// The cooperative's `status_lahan` at its last report.
    public var landStatus: StatusLahan?
    /// Whether the cooperative has not started construction (its land still matters).
    public var notStarted: Bool
    /// The date the intervention starts.
    public var from: Day
    /// P50 green date without the intervention (`nil`: beyond the horizon).
    public var p50Now: Day?
    /// P50 green date with it (`nil`: beyond the horizon).
    public var p50After: Day?
    /// Weeks gained, P50 now − P50 after (a P50 beyond the horizon counts as the week
    /// after it).
    public var weeksGained: Int
    /// Change in the probability of green by ``target``, a share (0.05 = 5 points).
    public var probabilityGain: Double
    /// The target date of the probability.
    public var target: Day

    /// An explanation from its parts.
    public init(
        intervention: InterventionKind?, mainCause: DelayCause, landStatus: StatusLahan?, notStarted: Bool, from: Day,
        p50Now: Day?, p50After: Day?, weeksGained: Int, probabilityGain: Double, target: Day
    ) {
        self.intervention = intervention
        self.mainCause = mainCause
        self.landStatus = landStatus
        self.notStarted = notStarted
        self.from = from
        self.p50Now = p50Now
        self.p50After = p50After
        self.weeksGained = weeksGained
        self.probabilityGain = probabilityGain
        self.target = target
    }

    /// The explanation of `row`, ranked on `panel` from `forecast`, for `target`.
    ///
    /// The land status is the one of the cooperative's last report up to the as-of week.
    public init(_ row: PriorityRow, panel: Panel, forecast: GreenForecast, target: Day) {
        let lw = panel.lastReport(of: row.index, upTo: forecast.asOfWeek) ?? forecast.asOfWeek
        let l = Int(panel.lahan[panel.cell(row.index, lw)])
        intervention = row.intervention
        mainCause = row.now.mainCause
        landStatus = l >= 0 && l < StatusLahan.allCases.count ? StatusLahan.allCases[l] : nil
        notStarted = row.now.stage == .notStarted
        from = forecast.date(ofWeek: row.fromWeek)
        p50Now = row.now.p50.map { forecast.date(ofWeek: $0) }
        p50After = row.after.p50.map { forecast.date(ofWeek: $0) }
        weeksGained = row.weeksGained
        probabilityGain = row.probabilityGain
        self.target = target
    }
}
