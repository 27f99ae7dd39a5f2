/// Each cooperative's construction speed s_i (the multiplier of the pooled S-curve rate
/// h), estimated from its own increments and shrunk toward its regency's mean, which is
/// shrunk toward the province's (empirical Bayes, normal–normal, variance components by
/// the method of moments).
///
/// Own estimate, the ratio estimator of `Δp = s·x·ε` with `x = h(p)·Π θ_k^f_k`:
///
/// ```
/// ŝ_i = Σ_t Δp_it / Σ_t x_it,     v_i = Σ_t (σ_m² x_it² + σ_r²) / (Σ_t x_it)²
/// ```
///
/// Regency means μ̂_r (precision-weighted) are pooled toward the province mean with the
/// between-regency variance ω² (DerSimonian–Laird); the within-regency variance τ² is the
/// moment estimate `mean[(ŝ_i − μ̂_r)² − v_i]` over cooperatives with at least three rows.
/// Then
///
/// ```
/// s_i = (ŝ_i/v_i + μ_r/τ²) / (1/v_i + 1/τ²),     Var = 1 / (1/v_i + 1/τ²)
/// ```
///
/// Rows whose later report is the completion are left out (their increment is cut at 100).
/// So a cooperative with no or few construction reports gets (nearly) its regency's mean
/// with variance τ², and one with many follows its own data. Reference: Morris (1983),
/// "Parametric empirical Bayes inference", *JASA* 78(381), doi:10.1080/01621459.1983.10477920.
public struct SpeedEstimates: Sendable {
    /// Posterior mean speed of each cooperative (panel order); the regency mean when it has
    /// no construction rows.
    public var mean: [Double]
    /// Posterior variance of each speed (τ² + Var μ_r for one with no rows).
    public var variance: [Double]
    /// Construction rows behind each cooperative's own estimate.
    public var rows: [Int32]
    /// The unpooled ratio estimate ŝ_i (NaN without rows).
    public var own: [Double]
    /// Pooled mean speed of each regency (panel regency order).
    public var regencyMean: [Double]
    /// Variance of each regency mean.
    public var regencyMeanVariance: [Double]
    /// The province (all data) mean speed.
    public var provinceMean: Double
    /// Within-regency variance of true speeds, τ².
    public var withinRegencyVariance: Double
    /// Between-regency variance of regency means, ω².
    public var betweenRegencyVariance: Double

    /// Each cooperative's own estimate where it rests on at least 3 rows, its posterior mean
    /// otherwise: the speeds the S-curve is fitted against (``DelayFactorModel``).
    public var fixedEffects: [Double] {
        mean.indices.map { i in rows[i] >= 3 && own[i].isFinite && own[i] > 0 ? own[i] : mean[i] }
    }

    /// Speeds of 1 with no data behind them (before the first fit).
    static func unpooled(cooperativeCount n: Int) -> SpeedEstimates {
        SpeedEstimates(
            mean: Array(repeating: 1, count: n), variance: Array(repeating: 0, count: n),
            rows: Array(repeating: 0, count: n), own: Array(repeating: .nan, count: n),
            regencyMean: [], regencyMeanVariance: [], provinceMean: 1,
            withinRegencyVariance: 0, betweenRegencyVariance: 0)
    }

    init(mean: [Double], variance: [Double], rows: [Int32], own: [Double],
         regencyMean: [Double], regencyMeanVariance: [Double], provinceMean: Double,
         withinRegencyVariance: Double, betweenRegencyVariance: Double) {
        self.mean = mean
        self.variance = variance
        self.rows = rows
        self.own = own
        self.regencyMean = regencyMean
        self.regencyMeanVariance = regencyMeanVariance
        self.provinceMean = provinceMean
        self.withinRegencyVariance = withinRegencyVariance
        self.betweenRegencyVariance = betweenRegencyVariance
    }

    /// Per-cooperative sums behind the own estimates, over the rows that do not complete:
    /// ΣΔp, Σx, Σx² and the row count, `x = h(p)·Π θ_k^f_k`.
    struct CooperativeSums: Sendable {
        /// ΣΔp of each cooperative.
        var increment: [Double]
        /// Σx of each cooperative.
        var x: [Double]
        /// Σx² of each cooperative.
        var xSquared: [Double]
        /// Rows of each cooperative.
        var rows: [Int32]

        /// Zero sums for `n` cooperatives.
        init(cooperatives n: Int) {
            increment = [Double](repeating: 0, count: n)
            x = [Double](repeating: 0, count: n)
            xSquared = [Double](repeating: 0, count: n)
            rows = [Int32](repeating: 0, count: n)
        }
    }

    /// Estimates the speeds from the construction rows given the curve and factor effects.
    ///
    /// - Parameters:
    ///   - theta: θ_k in ``DelayFactor`` order.
    ///   - noise: σ_m (multiplicative) and σ_r (reporting, points).
    public init(sample: ConstructionSample, curve: ProgressRateCurve, theta: [Double],
                regencyIndex: [Int32], regencyCount: Int,
                noise: (multiplicative: Double, reporting: Double)) {
        // The pass over the rows indexes unchecked: the same stop as an out-of-range index.
        precondition(sample.isConsistent(cooperatives: regencyIndex.count),
                     "SpeedEstimates: sample arrays of different lengths, or a cooperative outside the panel")
        var sums = CooperativeSums(cooperatives: regencyIndex.count)
        // Π θ_k^f_k of each flag combination, multiplied in factor order.
        var multiplier = [Double](repeating: 1, count: 16)
        for f in 0..<16 {
            for k in 0..<min(4, theta.count) where f & (1 << k) != 0 { multiplier[f] *= theta[k] }
        }
        let n = sample.count
        sample.previous.withUnsafeBufferPointer { previous in
        sample.increment.withUnsafeBufferPointer { increment in
        sample.cooperative.withUnsafeBufferPointer { cooperative in
        sample.flags.withUnsafeBufferPointer { flags in
        sample.completes.withUnsafeBufferPointer { completes in
        sums.increment.withUnsafeMutableBufferPointer { sumDp in
        sums.x.withUnsafeMutableBufferPointer { sumX in
        sums.xSquared.withUnsafeMutableBufferPointer { sumX2 in
        sums.rows.withUnsafeMutableBufferPointer { rows in
            for r in 0..<n where !completes[r] {
                let i = Int(cooperative[r])
                let x = curve(previous[r]) * multiplier[Int(flags[r] & 0xF)]
                sumDp[i] += increment[r]
                sumX[i] += x
                sumX2[i] += x * x
                rows[i] += 1
            }
        }}}}}}}}}
        self.init(cooperativeSums: sums, regencyIndex: regencyIndex, regencyCount: regencyCount,
                  noise: noise)
    }

    /// The speeds from the per-cooperative sums (``init(sample:curve:theta:regencyIndex:regencyCount:noise:)``
    /// without the pass over the rows): `v_i = (σ_m² Σx² + σ_r² n_i) / (Σx)²`.
    init(cooperativeSums sums: CooperativeSums, regencyIndex: [Int32], regencyCount: Int,
         noise: (multiplicative: Double, reporting: Double)) {
        let n = regencyIndex.count
        let sm2 = noise.multiplicative * noise.multiplicative
        let sr2 = noise.reporting * noise.reporting
        let sumDp = sums.increment, sumX = sums.x, rows = sums.rows
        var sumV = [Double](repeating: 0, count: n)
        for i in 0..<n { sumV[i] = sm2 * sums.xSquared[i] + sr2 * Double(rows[i]) }
        var own = [Double](repeating: .nan, count: n)
        var v = [Double](repeating: .infinity, count: n)
        for i in 0..<n where sumX[i] > 1e-9 {
            own[i] = sumDp[i] / sumX[i]
            v[i] = max(sumV[i] / (sumX[i] * sumX[i]), 1e-6)
        }
        // Regency means (precision-weighted, with a first-pass τ² of 0 → refined below).
        var tau2 = 0.0
        var regMean = [Double](repeating: 1, count: regencyCount)
        var regVar = [Double](repeating: 1, count: regencyCount)
        var omega2 = 0.0
        var province = 1.0
        for _ in 0..<2 {
            var sw = [Double](repeating: 0, count: regencyCount)
            var swy = [Double](repeating: 0, count: regencyCount)
            for i in 0..<n where own[i].isFinite {
                let w = 1 / (v[i] + tau2)
                let g = Int(regencyIndex[i])
                sw[g] += w
                swy[g] += w * own[i]
            }
            var ys: [Double] = []
            var vs: [Double] = []
            for g in 0..<regencyCount where sw[g] > 0 {
                ys.append(swy[g] / sw[g])
                vs.append(1 / sw[g])
            }
            let re = Shrinkage.randomEffects(estimates: ys, variances: vs)
            province = ys.isEmpty ? 1 : re.mean
            omega2 = re.tau2
            for g in 0..<regencyCount {
                if sw[g] > 0 {
                    let raw = swy[g] / sw[g]
                    let vr = 1 / sw[g]
                    if omega2 > 0 {
                        let prec = 1 / vr + 1 / omega2
                        regMean[g] = (raw / vr + province / omega2) / prec
                        regVar[g] = 1 / prec
                    } else {
                        regMean[g] = province
                        regVar[g] = 1 / vs.reduce(0) { $0 + 1 / $1 }
                    }
                } else {
                    regMean[g] = province
                    regVar[g] = omega2 + (vs.isEmpty ? 0 : 1 / vs.reduce(0) { $0 + 1 / $1 })
                }
            }
            var acc = 0.0
            var count = 0
            for i in 0..<n where own[i].isFinite && rows[i] >= 3 {
                let d = own[i] - regMean[Int(regencyIndex[i])]
                acc += d * d - v[i]
                count += 1
            }
            tau2 = count > 1 ? max(1e-4, acc / Double(count)) : 0.04
        }
        var mean = [Double](repeating: 1, count: n)
        var variance = [Double](repeating: tau2, count: n)
        for i in 0..<n {
            let g = Int(regencyIndex[i])
            let prior = regMean[g]
            if own[i].isFinite {
                let prec = 1 / v[i] + 1 / tau2
                mean[i] = (own[i] / v[i] + prior / tau2) / prec
                variance[i] = 1 / prec
            } else {
                mean[i] = prior
                variance[i] = tau2 + regVar[g]
            }
            mean[i] = max(0.05, mean[i])
        }
        self.init(mean: mean, variance: variance, rows: rows, own: own, regencyMean: regMean,
                  regencyMeanVariance: regVar, provinceMean: province,
                  withinRegencyVariance: tau2, betweenRegencyVariance: omega2)
    }
}
