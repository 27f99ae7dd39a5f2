/// Proper scores and calibration counts of a forecast given by a few quantiles, against one
/// outcome: the pinball (quantile) loss, a quantile approximation of the CRPS, and the
/// probability integral transform (PIT) binned at the quantile levels, from which the
/// central-interval coverage is read.
///
/// All functions are pure; the units of losses are those of the outcome (weeks in the
/// backtest).
///
/// **Ties.** Green dates are whole weeks, so an outcome often falls exactly on a quantile.
/// Where the forecast's distribution function jumps at the outcome, the PIT of a discrete
/// forecast is not a point but anywhere in the jump (the randomised PIT of Czado, Gneiting
/// & Held 2009). With only quantiles known, an outcome equal to the quantiles at levels
/// τ_i … τ_j (one or several, all equal to it) is spread uniformly over the interval of
/// levels symmetric about them and reaching no further than the nearest untied level:
///
/// ```
/// [τ_i − h, τ_j + h],   h = min(τ_i − τ_{i−1}, τ_{j+1} − τ_j),   τ_0 = 0, τ_{K+1} = 1
/// ```
///
/// For an outcome on one quantile alone this is the half-weight rule: half below the
/// level, half above. An outcome on P10 (below P50) counts half inside the P10–P90
/// interval; counting it wholly inside overstates the coverage of a calibrated forecast of
/// whole weeks, which would score 80 % with the half count. An outcome equal to P10, P50 and P90 at once (a forecast with 80 % or
/// more of its mass on one week, e.g. a point forecast hit exactly) is spread over the
/// whole of [0, 1].
///
/// References:
/// - Gneiting, T. & Raftery, A. E. (2007). Strictly proper scoring rules, prediction, and
///   estimation. *JASA* 102(477), 359–378. doi:10.1198/016214506000001437
/// - Koenker, R. & Bassett, G. (1978). Regression quantiles. *Econometrica* 46(1), 33–50.
///   doi:10.2307/1913643
/// - Dawid, A. P. (1984). Statistical theory: the prequential approach. *JRSS A* 147(2),
///   278–292. doi:10.2307/2981683
/// - Gneiting, T., Balabdaoui, F. & Raftery, A. E. (2007). Probabilistic forecasts,
///   calibration and sharpness. *JRSS B* 69(2), 243–268.
///   doi:10.1111/j.1467-9868.2007.00587.x
/// - Czado, C., Gneiting, T. & Held, L. (2009). Predictive model assessment for count
///   data. *Biometrics* 65(4), 1254–1261. doi:10.1111/j.1541-0420.2009.01191.x
public enum ForecastScores {
    /// The quantile levels the backtest scores: 0.1, 0.5 and 0.9.
    public static let levels: [Double] = [0.1, 0.5, 0.9]

    /// The pinball (quantile, check) loss of the quantile `x` at level `tau` for the outcome
    /// `y` (Koenker & Bassett 1978; the quantile score of Gneiting & Raftery 2007 in its
    /// loss orientation):
    ///
    /// ```
    /// L_τ(x, y) = τ · (y − x)        if y ≥ x
    ///             (1 − τ) · (x − y)  if y < x
    /// ```
    ///
    /// Non-negative, zero when `x == y`; its expectation is minimised by the τ-quantile of
    /// the outcome's distribution. At τ = 0.5 it is half the absolute error.
    ///
    /// - Parameters:
    ///   - x: the forecast quantile.
    ///   - tau: the level, 0 < τ < 1.
    ///   - y: the outcome.
    public static func pinball(quantile x: Double, level tau: Double, outcome y: Double) -> Double {
        y >= x ? tau * (y - x) : (1 - tau) * (x - y)
    }

    /// The CRPS approximated from quantiles: twice the mean pinball loss over the levels.
    ///
    /// The CRPS is twice the integral of the pinball loss of the forecast's quantile
    /// function over the levels (Gneiting & Raftery 2007; Laio & Tamea 2007, *HESS* 11,
    /// 1267–1277, doi:10.5194/hess-11-1267-2007):
    ///
    /// ```
    /// CRPS(F, y) = 2 ∫₀¹ L_τ(F⁻¹(τ), y) dτ  ≈  (2 / K) Σ_k L_{τ_k}(q_k, y)
    /// ```
    ///
    /// The approximation is the equal-weight mean over the K levels given (with 0.1, 0.5,
    /// 0.9: three points, no interpolation between them, no tails). It is therefore a
    /// coarse CRPS: comparable between forecasts scored with the same levels, not with a
    /// CRPS computed from a full sample. For a point forecast (all quantiles equal `x`) it
    /// is exactly `|x − y|` when the levels are symmetric about ½, as the CRPS of a point
    /// mass is.
    ///
    /// - Parameters:
    ///   - quantiles: the forecast quantiles, one per level.
    ///   - levels: the levels, as many as `quantiles`.
    ///   - y: the outcome.
    /// - Precondition: `quantiles` and `levels` have the same, non-zero count.
    public static func quantileCRPS(quantiles: [Double], levels: [Double] = levels, outcome y: Double) -> Double {
        precondition(quantiles.count == levels.count && !levels.isEmpty,
                     "quantileCRPS needs one quantile per level")
        var sum = 0.0
        for (q, tau) in zip(quantiles, levels) { sum += pinball(quantile: q, level: tau, outcome: y) }
        return 2 * sum / Double(levels.count)
    }

    /// The edges of the PIT bins for `levels`: 0, the levels, 1 (K levels give K + 1 bins,
    /// [0, τ_1), [τ_1, τ_2), …, [τ_K, 1]).
    public static func pitEdges(levels: [Double] = levels) -> [Double] {
        [0] + levels + [1]
    }

    /// The share of the outcome's PIT that falls in each bin between the levels (see the
    /// type's documentation for ties); the shares add up to 1.
    ///
    /// Without a tie the outcome's whole weight goes to the bin between the largest
    /// quantile below it and the smallest above it: bin `k` holds the outcomes with
    /// `q_k < y < q_{k+1}`. Quantiles out of order (an outside forecast's) are sorted first.
    ///
    /// Over many forecasts, a calibrated forecaster's PIT shares approach the bin widths
    /// (Dawid 1984; Gneiting, Balabdaoui & Raftery 2007): with 0.1, 0.5, 0.9, that is
    /// 10 %, 40 %, 40 %, 10 %.
    ///
    /// - Parameters:
    ///   - quantiles: the forecast quantiles, one per level.
    ///   - levels: strictly increasing levels inside (0, 1).
    ///   - y: the outcome.
    /// - Returns: `levels.count + 1` weights.
    /// - Precondition: `quantiles` and `levels` have the same, non-zero count.
    public static func pitWeights(quantiles: [Double], levels: [Double] = levels, outcome y: Double) -> [Double] {
        precondition(quantiles.count == levels.count && !levels.isEmpty,
                     "pitWeights needs one quantile per level")
        let q = quantiles.sorted()
        let K = levels.count
        var weights = [Double](repeating: 0, count: K + 1)
        let below = q.filter { $0 < y }.count
        let notAbove = q.filter { $0 <= y }.count
        guard notAbove > below else {
            weights[below] = 1
            return weights
        }
        // Tied levels τ_i … τ_j (1-based i = below + 1, j = notAbove).
        let edges = pitEdges(levels: levels)
        let tauI = edges[below + 1], tauJ = edges[notAbove]
        let h = min(tauI - edges[below], edges[notAbove + 1] - tauJ)
        let a = tauI - h, b = tauJ + h
        for k in 0...K {
            let overlap = min(b, edges[k + 1]) - max(a, edges[k])
            if overlap > 0 { weights[k] = overlap / (b - a) }
        }
        return weights
    }

    /// The weight with which the outcome counts inside the central interval from the first
    /// to the last level (P10–P90 with the default levels): the PIT weight of the bins
    /// between them. 1 strictly inside, ½ on P10 or on P90 alone, 0 outside (see the type's
    /// documentation for the other ties).
    ///
    /// - Precondition: as ``pitWeights(quantiles:levels:outcome:)``, with at least two levels.
    public static func centralCoverage(quantiles: [Double], levels: [Double] = levels, outcome y: Double) -> Double {
        precondition(levels.count >= 2, "centralCoverage needs two levels or more")
        let w = pitWeights(quantiles: quantiles, levels: levels, outcome: y)
        return w[1..<levels.count].reduce(0, +)
    }

    /// The coverage counted with both ends inside: 1 when `lower ≤ y ≤ upper`, else 0.
    /// Whole-week outcomes make this overstate the coverage of a calibrated forecast.
    public static func closedIntervalCoverage(lower: Double, upper: Double, outcome y: Double) -> Double {
        lower <= y && y <= upper ? 1 : 0
    }
}
