import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cumulative hazard of a first business unit by weeks since completion, shared by every
/// cooperative of a forecast.
struct OpeningTable: Sendable {
    /// H(k) = Σ_{j=1…k} −ln(1 − h_j) for k = 0…K over ``StageModels/openingHazard``.
    let cumulative: [Double]
    /// −ln(1 − h) of ``StageModels/openingTail``, the hazard after week K.
    let tail: Double

    /// The table of the cumulative hazards `cumulative` (H(0) = 0 first) and the tail's
    /// hazard.
    init(cumulative: [Double], tail: Double) {
        self.cumulative = cumulative
        self.tail = tail
    }

    /// The table of `stages`.
    init(stages: StageModels) {
        var h = [0.0]
        for q in stages.openingHazard { h.append(h[h.count - 1] + ReportingSampler.hazard(q)) }
        cumulative = h
        tail = ReportingSampler.hazard(stages.openingTail)
    }

    /// H(k).
    @inline(__always)
    func hazard(upTo k: Int) -> Double {
        let last = cumulative.count - 1
        return k <= last ? cumulative[k] : cumulative[last] + Double(k - last) * tail
    }

    /// The first k ≥ `from` (≥ 1) with H(k) − H(from − 1) ≥ `e` (`Int.max` = never): the week
    /// since completion of the first unit, given none by week `from` − 1, for an exponential
    /// `e`.
    func firstWeek(from: Int, exceeding e: Double) -> Int {
        let target = hazard(upTo: from - 1) + e
        let last = cumulative.count - 1
        if from <= last, cumulative[last] >= target {
            var k = from
            while cumulative[k] < target { k += 1 }
            return k
        }
        guard tail > 0 else { return Int.max }
        let beyond = ((target - cumulative[last]) / tail).rounded(.up)
        guard beyond < 1e9 else { return Int.max }
        return max(from, last + Int(beyond))
    }
}

/// The business-unit stage: the week a cooperative has the units the green rule needs.
///
/// The first unit opens at the earlier of the cooperative's own opening (at the regency's
/// weekly rate seen before completion, from the week after the last report: a geometric
/// wait) and the opening that completion brings (the hazard of weeks since completion,
/// ``StageModels/openingHazard``, given the weeks already waited: the week drawn at once by
/// inverting its cumulative hazard, ``OpeningTable``). Both are drawn whatever the
/// completion week, so an earlier completion never delays it. Further units come at the
/// pooled weekly rate ``StageModels/unitGrowth`` (a geometric wait each).
struct BusinessUnitSampler {
    /// ln(1 − P(a first unit opens a week before completion)) in the regency
    /// (``Xoshiro/logFailure(_:)``, computed once for every path's draw).
    let openBeforeCompletionLog: Double
    /// The opening hazard after completion.
    let opening: OpeningTable
    /// ln(1 − the weekly probability of one more unit once operating).
    let unitGrowthLog: Double
    /// Units the green rule needs.
    let unitsNeeded: Int
    /// The last week simulated.
    let limit: Int

    /// The sampler for a cooperative of regency `g`.
    init(stages: StageModels, opening: OpeningTable, regency g: Int, unitsNeeded: Int, limit: Int) {
        openBeforeCompletionLog = Xoshiro.logFailure(stages.openBeforeCompletion[g])
        self.opening = opening
        unitGrowthLog = Xoshiro.logFailure(stages.unitGrowth)
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
            let wait = rng.waitingWeeks(logFailure: unitGrowthLog)
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
            let wait = rng.waitingWeeks(logFailure: openBeforeCompletionLog)
            if wait != Int.max { own = lastReport + 1 + wait }
        }
        let k = opening.firstWeek(from: max(1, lastReport - completion + 1), exceeding: rng.exponential())
        let after = k == Int.max ? Int.max : completion + k
        let first = min(own, after)
        return first <= limit ? first : nil
    }
}
