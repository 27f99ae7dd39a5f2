import KendaliData

/// The business-unit stage: the week a cooperative has the units the green rule needs.
///
/// The first unit opens at the earlier of the cooperative's own opening (at the regency's
/// weekly rate seen before completion, from the week after the last report) and the opening
/// that completion brings (the hazard of weeks since completion,
/// ``StageModels/openingHazard``, given the weeks already waited). Both are drawn whatever
/// the completion week, so an earlier completion never delays it. Further units come at the
/// pooled weekly rate ``StageModels/unitGrowth``.
struct BusinessUnitSampler {
    /// P(a first unit opens) a week before completion, in the regency.
    let openBeforeCompletion: Double
    /// Hazard of a first unit k = 1, 2, … weeks after completion; `openingTail` after.
    let openingHazard: [Double]
    let openingTail: Double
    /// Weekly probability of one more unit once operating.
    let unitGrowth: Double
    /// Units the green rule needs.
    let unitsNeeded: Int
    /// The last week simulated.
    let limit: Int

    /// The sampler for a cooperative of regency `g`.
    init(stages: StageModels, regency g: Int, unitsNeeded: Int, limit: Int) {
        openBeforeCompletion = stages.openBeforeCompletion[g]
        openingHazard = stages.openingHazard
        openingTail = stages.openingTail
        unitGrowth = stages.unitGrowth
        self.unitsNeeded = unitsNeeded
        self.limit = limit
    }

    /// The week path `p` has enough units (`nil` beyond the horizon), given the completion
    /// week `completion` on the path.
    func sample(start: CooperativeStart, completion: Int, key: UInt64, path p: Int) -> Int? {
        let lastReport = start.lastReport
        if start.units >= unitsNeeded { return lastReport }
        var units = start.units
        var t = lastReport
        if units == 0 {
            guard let first = firstUnit(start: start, completion: completion, key: key, path: p) else { return nil }
            units = 1
            t = first
        }
        var rng = PathStream.unitGrowth.generator(key: key, path: p)
        while units < unitsNeeded {
            let wait = rng.geometric(unitGrowth)
            if wait == Int.max { return nil }
            t += wait + 1
            if t > limit { return nil }
            units += 1
        }
        return max(t, lastReport)
    }

    /// The week the first unit opens on path `p` (`nil` beyond the horizon).
    func firstUnit(start: CooperativeStart, completion: Int, key: UInt64, path p: Int) -> Int? {
        var rng = PathStream.firstUnit.generator(key: key, path: p)
        let lastReport = start.lastReport
        var own = Int.max
        if start.stage != .complete {
            let wait = rng.geometric(openBeforeCompletion)
            if wait != Int.max { own = lastReport + 1 + wait }
        }
        var k = max(1, lastReport - completion + 1)
        var after = Int.max
        var week = completion + k
        while week <= min(limit, own) {
            let hazard = k <= openingHazard.count ? openingHazard[k - 1] : openingTail
            if rng.uniform() < hazard { after = week; break }
            k += 1
            week += 1
        }
        let first = min(own, after)
        return first <= limit ? first : nil
    }
}
