#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The recency weights of the pre-construction chain's counts: which half-lives are tried,
/// how the counts are weighted and how the half-life is chosen.
extension StageModels {
    /// The half-lives (weeks) the pre-construction counts' recency weights are chosen
    /// among: 4, 8, 16, 32 and ∞ (no weighting).
    public static let preHalfLives: [Double] = [4, 8, 16, 32, .infinity]

    /// A half-life is allowed only when it is at least the weeks since the history's first
    /// over this: the first week then keeps at least 2⁻⁵ (3 %) of the weight of the last.
    ///
    /// The chain's rows are the pace of the whole horizon, months ahead, not of the coming
    /// week. A programme's pace has surges and lulls that pass (a push for land, a tranche
    /// that runs short); the last weeks' transitions, which choose the half-life, reward a
    /// memory short enough to follow them, and the forecast would carry the surge or the
    /// lull over every week ahead. Early in a programme its pace only rises and a short
    /// memory is right, which the bound still allows. On backtests of five simulated worlds
    /// at nine cut-offs (December 2025 to September 2026) the green date's mean absolute
    /// error is lower with the bound than with every half-life allowed at 29 and higher at
    /// 5, mostly for the cooperatives not yet started, whose forecasts were early.
    public static let preHalfLifeSpan = 5.0

    /// The half-lives allowed with `last` weeks since the history's first
    /// (``preHalfLifeSpan``); ∞ always is.
    static func halfLives(last: Int) -> [Double] {
        preHalfLives.filter { $0 * preHalfLifeSpan >= Double(last) }
    }

    /// Weeks at the end of the history whose transitions choose the half-life.
    static let halfLifeHoldout = 4

    /// The recency weight 2^(−age / `halfLife`) of each age 0…`end` weeks (1 throughout
    /// for `halfLife` ∞): the weights of the pre-construction counts and of what is fitted
    /// with them (the frailties' reference, the land outcomes' pooled share).
    static func recencyWeights(upTo end: Int, halfLife: Double) -> [Double] {
        let decay = halfLife.isFinite ? -0.693_147_180_559_945_3 / halfLife : 0
        return (0...max(0, end)).map { age in halfLife.isFinite ? exp(decay * Double(age)) : 1 }
    }

    /// Pre-construction transition counts by regency, `[g][s * 11 + d]`, each pair weighted
    /// by ``recencyWeights(upTo:halfLife:)`` of its age in weeks before `end` (pairs after
    /// `end` left out).
    static func recencyCounts(_ pairs: [(g: Int32, s: Int8, d: Int8, t: Int32)], regencies nr: Int, upTo end: Int,
                              halfLife: Double) -> [[Double]] {
        let nd = preStates + 1
        var c = [[Double]](repeating: [Double](repeating: 0, count: preStates * nd), count: nr)
        let weight = recencyWeights(upTo: end, halfLife: halfLife)
        for x in pairs where Int(x.t) <= end {
            c[Int(x.g)][Int(x.s) * nd + Int(x.d)] += weight[end - Int(x.t)]
        }
        return c
    }

    /// The half-life among `candidates` (by default those ``halfLives(last:)`` allows) whose
    /// rows, counted up to ``halfLifeHoldout`` weeks before `last` and shrunk
    /// (``shrinkRows(_:nr:)``), give the transitions of the weeks after the highest
    /// likelihood; ∞ when the history is too short to hold weeks out.
    static func chooseHalfLife(_ pairs: [(g: Int32, s: Int8, d: Int8, t: Int32)], regencies nr: Int, last: Int,
                               candidates: [Double]? = nil) -> Double {
        let nd = preStates + 1
        let holdout = halfLifeHoldout
        guard last - holdout > 4 else { return .infinity }
        var best = Double.infinity, bestLL = -Double.infinity
        for hl in candidates ?? halfLives(last: last) {
            let r = shrinkRows(recencyCounts(pairs, regencies: nr, upTo: last - holdout, halfLife: hl), nr: nr).rows
            var ll = 0.0
            for x in pairs where Int(x.t) > last - holdout {
                ll += log(max(1e-9, r[Int(x.g)][Int(x.s) * nd + Int(x.d)]))
            }
            if ll > bestLL { bestLL = ll; best = hl }
        }
        return best
    }
}
