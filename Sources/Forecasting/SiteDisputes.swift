import KendaliData

/// Land disputes on a building site: weeks under construction whose report has
/// `status_lahan` = sengketa. A dispute is not one more delay flag: while it lasts the
/// site can stop altogether, so its weeks are left out of the delay factors' fit
/// (``ConstructionSample``) and the work done in them is estimated on its own, as a share
/// of what the fitted model expects of those weeks (with their flags), together with how
/// often a dispute arises and how long it lasts.
///
/// - Work share: Σ increments / Σ expected increments over the disputed weeks (a ratio
///   estimator), shrunk toward 1 (no effect) with ``pseudoWeeks`` weeks of the expected
///   increment, clamped to [0, 1].
/// - Onset: disputes begun per construction week without one (consecutive reports), pooled
///   over the province.
/// - Duration: the episodes' Kaplan–Meier hazard by age, shrunk as the flags' are
///   (``FlagSojourns/law(ends:atRisk:)``), kept when it beats the constant hazard by
///   Akaike's criterion, the constant hazard otherwise; an episode is counted as a flag's
///   (``FlagSojourns``).
public struct SiteDisputes: Sendable {
    /// The share of a week's expected work done in a disputed week (1 = no effect).
    public let workShare: Double
    /// Its standard error (delta method on the ratio, rows taken as independent).
    public let workShareStandardError: Double
    /// Weekly probability that a dispute arises on a site under construction.
    public let onset: Double
    /// The law of a dispute's duration, weeks.
    public let law: SojournLaw
    /// Disputed construction weeks used for the work share.
    public let disputedWeeks: Int
    /// Dispute episodes seen.
    public let episodes: Int
    /// Weeks each cooperative's dispute has lasted at its last report (0 when none).
    public let elapsed: [Int32]
    /// Construction weeks disputed per cooperative: reports disputed whose report before
    /// was present and under construction (what ``DelayAccounting`` counts to land on site).
    public let weeksDisputed: [Int32]

    /// Pseudo-weeks of the shrinkage of the work share toward 1.
    public static let pseudoWeeks = 5.0

    /// Whether disputes change the forecast: seen at least once and costing work.
    public var isActive: Bool { disputedWeeks > 0 && workShare < 1 }

    /// The forecast's statement of what it learned, for its assumptions (empty when no
    /// dispute was seen on a building site).
    public var assumptions: [String] {
        guard isActive else { return [] }
        let median = law.median().map { "a median of \($0) weeks" } ?? "more than 10 years at the median"
        return ["land disputes on building sites: a disputed week does "
            + StartCapacityFit.fixed(100 * workShare, 0) + " % of the work expected (\(disputedWeeks) weeks seen); "
            + "one arises in " + StartCapacityFit.fixed(100 * onset, 2) + " % of construction weeks and lasts "
            + median + " (Kaplan–Meier, \(episodes) episodes); resolving the land settles it"]
    }

    /// Whether the cell `c` of `panel` is a disputed construction week.
    @inline(__always)
    static func disputed(_ panel: Panel, cell c: Int) -> Bool {
        panel.tahap[c] == Tahap.pembangunan.code && panel.lahan[c] == StatusLahan.sengketa.code
    }

    /// Fits the disputes of `panel` up to week `asOfWeek`, the work share against the
    /// construction fit `fit`.
    public init(panel: Panel, upTo asOfWeek: Int, fit: DelayFactorFit) {
        let T = min(asOfWeek, panel.weekCount - 1)
        let building = Tahap.pembangunan.code
        var ends: [Double] = [], atRisk: [Double] = []
        var count = 0, onsets = 0.0, trials = 0.0
        var done = 0.0, expected = 0.0, expectedSquares = 0.0, cross = 0.0, doneSquares = 0.0, weeks = 0
        var elapsed = [Int32](repeating: 0, count: panel.cooperativeCount)
        var byCooperative = [Int32](repeating: 0, count: panel.cooperativeCount)
        func add(length: Int, ended: Bool) {
            guard length >= 1 else { return }
            while atRisk.count < length { atRisk.append(0); ends.append(0) }
            for d in 0..<length { atRisk[d] += 1 }
            if ended { ends[length - 1] += 1 }
            count += 1
        }
        for i in 0..<panel.cooperativeCount where T >= 0 {
            let speed = fit.speeds.mean[i]
            var start = -1, lastOn = -1
            for t in 0...T {
                let c = panel.cell(i, t)
                guard panel.present[c] == 1 else { continue }
                let on = Self.disputed(panel, cell: c)
                if t > 0, panel.present[c - 1] == 1, panel.tahap[c - 1] == building {
                    if on { byCooperative[i] += 1 }
                    if !Self.disputed(panel, cell: c - 1) {
                        trials += 1
                        if on { onsets += 1 }
                    }
                    // The work of a disputed week against what the model expects of it.
                    let p0 = Double(panel.progress[c - 1]), p1 = Double(panel.progress[c])
                    if on, !p0.isNaN, !p1.isNaN, p0 < 100 {
                        var e = speed * fit.curve(p0)
                        for k in 0..<4 where panel.flags[c] & UInt16(1 << k) != 0 { e *= fit.theta[k] }
                        let x = p1 - p0
                        done += x
                        expected += e
                        expectedSquares += e * e
                        doneSquares += x * x
                        cross += x * e
                        weeks += 1
                    }
                }
                if on {
                    if start < 0 { start = t }
                    lastOn = t
                } else if start >= 0 {
                    if start > 0 { add(length: t - start, ended: panel.tahap[c] == building) }
                    start = -1
                }
            }
            if start >= 0 {
                if start > 0 { add(length: lastOn - start + 1, ended: false) }
                elapsed[i] = Int32(lastOn - start + 1)
            }
        }
        self.elapsed = elapsed
        weeksDisputed = byCooperative
        episodes = count
        disputedWeeks = weeks
        onset = trials > 0 ? onsets / trials : 0
        if weeks > 0, expected > 0 {
            let mean = expected / Double(weeks)
            let prior = Self.pseudoWeeks * mean
            let ratio = (done + prior) / (expected + prior)
            workShare = min(1, max(0, ratio))
            // Var(Σx − R Σe) / (Σe)², the ratio estimator's linearisation.
            let residual = doneSquares - 2 * ratio * cross + ratio * ratio * expectedSquares
            workShareStandardError = max(0, residual).squareRoot() / (expected + prior)
        } else {
            workShare = 1
            workShareStandardError = 0
        }
        let total = atRisk.reduce(0, +)
        let h0 = total > 0 ? ends.reduce(0, +) / total : 1
        let aged = FlagSojourns.law(ends: ends, atRisk: atRisk)
        law = FlagSojourns.ageMatters(aged, ends: ends, atRisk: atRisk) ? aged : SojournLaw(hazard: [], tail: h0)
    }
}
