import KendaliData

/// One cooperative's best intervention: the counterfactual forecast that moves its P50 green
/// date the most.
public struct PriorityRow: Sendable {
    /// Index in the panel.
    public var index: Int
    /// The cooperative.
    public var code: CooperativeCode
    /// Zone at the as-of week (kuning or merah).
    public var zone: Zone
    /// The forecast without intervention.
    public var now: CooperativeForecast
    /// The best intervention, `nil` when none applies or none moves the P50.
    public var intervention: InterventionKind?
    /// The forecast with it (``now`` when there is none).
    public var after: CooperativeForecast
    /// Every applicable intervention's counterfactual, in ``InterventionKind`` order.
    public var candidates: [(kind: InterventionKind, forecast: CooperativeForecast)]
    /// Grid week the interventions start.
    public var fromWeek: Int
    /// Week index standing for "beyond the horizon" in ``weeksGained``.
    public var beyondWeek: Int

    /// Weeks gained, P50 now − P50 after; a P50 beyond the horizon counts as the week after
    /// it, so a gain out of "beyond" is a lower bound.
    public var weeksGained: Int { (now.p50 ?? beyondWeek) - (after.p50 ?? beyondWeek) }

    /// Change in the probability of green by the target date.
    public var probabilityGain: Double { after.probabilityGreenByTarget - now.probabilityGreenByTarget }
}

/// The order of a priority ranking, and the measure by which each cooperative's best
/// intervention is chosen.
public enum PriorityOrder: String, Sendable, CaseIterable {
    /// By the gain in the probability of green by the target date, then by weeks gained:
    /// what a planner with a deadline weighs first.
    case target
    /// By the weeks gained on the P50 green date, then by the gain in the probability of
    /// green by the target date.
    case weeks
}

/// Ranks the yellow and red cooperatives by what their best single intervention gains: a
/// priority is a counterfactual forecast, never a separate score.
///
/// For every cooperative in zone kuning or merah at the as-of week and not yet green, each
/// applicable ``InterventionKind`` (see ``GreenForecaster/applicableInterventions(panel:model:options:)``)
/// is simulated from `fromWeek` with the same seed and random streams as the forecast
/// (common random numbers), so the difference is the intervention's effect, not Monte Carlo
/// noise. With ``PriorityOrder/target`` (the default) the best is the one with the largest
/// gain in the probability of green by the target date, then the most weeks gained on the
/// P50, and rows are sorted the same way; with ``PriorityOrder/weeks`` weeks gained come
/// first. Ties go to the lower code.
public enum PriorityRanker {
    /// The ranking.
    ///
    /// - Parameters:
    ///   - forecast: the forecast without intervention (its options, seed included, are
    ///     used for the counterfactuals).
    ///   - fromWeek: grid week the interventions start; `nil` = the week after the as-of week.
    ///   - include: which cooperatives (by panel index) to rank; all when `nil`.
    ///   - order: what counts first, for each row's best intervention and for the rows.
    public static func rank(panel: Panel, forecast: GreenForecast, fromWeek: Int? = nil,
                            include: ((Int) -> Bool)? = nil, order: PriorityOrder = .target) -> [PriorityRow] {
        let model = forecast.model
        let T = model.asOfWeek
        let from = max(T + 1, fromWeek ?? T + 1)
        let applicable = GreenForecaster.applicableInterventions(panel: panel, model: model, options: forecast.options)
        var rows: [PriorityRow] = []
        var cases: [(index: Int, scenario: Scenario)] = []
        var owner: [(row: Int, kind: InterventionKind)] = []
        for c in forecast.cooperatives {
            guard let zone = c.zone, zone != .hijau, include?(c.index) ?? true else { continue }
            let k = rows.count
            rows.append(PriorityRow(
                index: c.index, code: c.code, zone: zone, now: c, intervention: nil, after: c, candidates: [],
                fromWeek: from, beyondWeek: T + forecast.options.horizon + 1))
            for kind in applicable[c.index] ?? [] {
                cases.append((c.index, Scenario([kind], from: from)))
                owner.append((k, kind))
            }
        }
        let results = GreenForecaster.counterfactuals(
            panel: panel, model: model, options: forecast.options, cases: cases)
        for (j, r) in results.enumerated() {
            rows[owner[j].row].candidates.append((owner[j].kind, r))
        }
        for k in rows.indices {
            var best: (kind: InterventionKind, forecast: CooperativeForecast)?
            var bestGain = 0
            var bestProbability = 0.0
            let beyond = rows[k].beyondWeek
            let base = rows[k].now
            for cand in rows[k].candidates {
                let gain = (base.p50 ?? beyond) - (cand.forecast.p50 ?? beyond)
                let dp = cand.forecast.probabilityGreenByTarget - base.probabilityGreenByTarget
                if better((gain, dp), than: (bestGain, bestProbability), order: order) {
                    best = cand
                    bestGain = gain
                    bestProbability = dp
                }
            }
            if let best {
                rows[k].intervention = best.kind
                rows[k].after = best.forecast
            }
        }
        rows.sort { a, b in
            if better((a.weeksGained, a.probabilityGain), than: (b.weeksGained, b.probabilityGain), order: order) {
                return true
            }
            if better((b.weeksGained, b.probabilityGain), than: (a.weeksGained, a.probabilityGain), order: order) {
                return false
            }
            return a.code < b.code
        }
        return rows
    }

    /// True when gain `a` (weeks gained, probability gain) is strictly better than `b` under
    /// `order`; probabilities closer than 10⁻¹² count as equal.
    static func better(_ a: (weeks: Int, probability: Double), than b: (weeks: Int, probability: Double),
                       order: PriorityOrder) -> Bool {
        let probabilityDiffers = abs(a.probability - b.probability) > 1e-12
        switch order {
        case .weeks:
            if a.weeks != b.weeks { return a.weeks > b.weeks }
            return probabilityDiffers && a.probability > b.probability
        case .target:
            if probabilityDiffers { return a.probability > b.probability }
            return a.weeks > b.weeks
        }
    }
}
