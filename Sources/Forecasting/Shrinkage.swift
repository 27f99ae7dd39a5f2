#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Empirical-Bayes shrinkage by the method of moments: the small estimators every model of
/// the forecast uses to pool a regency (or a cooperative) toward the level above it.
public enum Shrinkage {
    /// The prior strength κ of a beta-binomial model from groups' event counts `x[g]` out
    /// of `n[g]` trials (weighted counts allowed): each group's rate is drawn from
    /// Beta(κ·p̄, κ·(1 − p̄)) around the pooled rate p̄ = Σx / Σn.
    ///
    /// Kleinman's moment estimator of the intra-class correlation ρ = 1/(κ + 1):
    ///
    /// ```
    /// ρ̂ = [Σ n_g (p̂_g − p̄)² − p̄(1 − p̄)(G − 1)] / [p̄(1 − p̄)(N − Σ n_g²/N − (G − 1))]
    /// ```
    ///
    /// Reference: Kleinman (1973), "Proportions with extraneous variance", *JASA* 68(341),
    /// doi:10.1080/01621459.1973.10481342.
    ///
    /// - Returns: κ in [1, 1e6]: 1e6 (full pooling) when fewer than two groups have trials,
    ///   when p̄ is 0 or 1 or when the groups differ no more than binomial noise; at least
    ///   1 so that a group's own data never count for nothing.
    public static func betaBinomialStrength(events x: [Double], trials n: [Double]) -> Double {
        var groups = 0
        var sx = 0.0, sn = 0.0, sn2 = 0.0
        for g in x.indices where n[g] > 0 {
            groups += 1
            sx += x[g]
            sn += n[g]
            sn2 += n[g] * n[g]
        }
        guard groups >= 2, sn > 0 else { return 1e6 }
        let p = sx / sn
        guard p > 0, p < 1 else { return 1e6 }
        var ss = 0.0
        for g in x.indices where n[g] > 0 {
            let d = x[g] / n[g] - p
            ss += n[g] * d * d
        }
        let v = p * (1 - p)
        let denominator = v * (sn - sn2 / sn - Double(groups - 1))
        guard denominator > 0 else { return 1e6 }
        let rho = (ss - v * Double(groups - 1)) / denominator
        guard rho > 1e-6 else { return 1e6 }
        return max(1, min(1e6, 1 / min(rho, 0.999_999) - 1))
    }

    /// The shrunk rate of a group: `(x + κ·p̄) / (n + κ)`.
    @inline(__always)
    public static func shrunkRate(events x: Double, trials n: Double, prior p: Double,
                                  strength kappa: Double) -> Double {
        (x + kappa * p) / (n + kappa)
    }

    /// The shape `a` of a gamma(a, a) frailty (mean 1, variance 1/a) from units' observed
    /// event counts `observed[i]` and their expected counts `expected[i]` under the pooled
    /// model: `E[O] = E`, `Var[O] = E + E²/a`, so
    ///
    /// ```
    /// 1/a = Σ[(O − E)² − O] / Σ E²
    /// ```
    ///
    /// (the Poisson–gamma moment estimator, Clayton & Kaldor (1987), *Biometrics* 43(3),
    /// doi:10.2307/2532003).
    ///
    /// - Returns: a in [0.5, 1e6]; 1e6 (no frailty) when the counts show no extra
    ///   variation or there is no exposure.
    public static func gammaFrailtyShape(observed: [Double], expected: [Double]) -> Double {
        var num = 0.0, den = 0.0
        for i in observed.indices where expected[i] > 0 {
            let d = observed[i] - expected[i]
            num += d * d - observed[i]
            den += expected[i] * expected[i]
        }
        guard den > 0, num > 0 else { return 1e6 }
        return max(0.5, min(1e6, den / num))
    }

    /// Between-unit variance τ² of true values behind estimates `y[i]` with sampling
    /// variances `v[i]`, around the precision-weighted mean (DerSimonian & Laird (1986),
    /// *Controlled Clinical Trials* 7(3), doi:10.1016/0197-2456(86)90046-2).
    ///
    /// - Returns: (mean, τ²) with τ² ≥ 0; (mean of y, 0) with fewer than two units.
    public static func randomEffects(estimates y: [Double], variances v: [Double])
        -> (mean: Double, tau2: Double)
    {
        var sw = 0.0, swy = 0.0, sw2 = 0.0
        var count = 0
        for i in y.indices where v[i] > 0 && y[i].isFinite {
            let w = 1 / v[i]
            sw += w
            swy += w * y[i]
            sw2 += w * w
            count += 1
        }
        guard count > 0, sw > 0 else { return (0, 0) }
        let mean = swy / sw
        guard count >= 2 else { return (mean, 0) }
        var q = 0.0
        for i in y.indices where v[i] > 0 && y[i].isFinite {
            let d = y[i] - mean
            q += d * d / v[i]
        }
        let tau2 = max(0, (q - Double(count - 1)) / (sw - sw2 / sw))
        return (mean, tau2)
    }
}
