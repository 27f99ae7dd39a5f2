import Foundation

/// The standard normal quantile `Φ⁻¹(p)` to full double precision (see
/// ``SurvivalDistributions``): −∞ / +∞ at p = 0 / 1, NaN outside [0, 1].
public func standardNormalQuantile(_ p: Double) -> Double {
    SurvivalDistributions.normalQuantile(p)
}

/// The few distribution functions the time-to-event code needs for confidence bands and
/// p-values: the two-sided normal p-value, the normal quantile and the chi-square tail.
///
/// Internal helpers; each is accurate to about 1e-14 relative over the range it is used on.
enum SurvivalDistributions {
    /// Two-sided normal p-value of a z statistic, `P(|Z| ≥ |z|) = erfc(|z| / √2)`.
    static func normalTwoSidedP(_ z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }

    /// The standard normal quantile `Φ⁻¹(p)` for `0 < p < 1`.
    ///
    /// P. J. Acklam's rational approximation (relative error 1.15e-9), refined by one Halley
    /// step on `Φ(x) − p` computed with `erfc`, which brings it to full double precision.
    /// Returns −∞ / +∞ at p = 0 / 1 and NaN outside [0, 1]. Agrees with 40-digit values
    /// to within 2 ulp.
    static func normalQuantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        // Upper half by symmetry: 1 − p is exact there (Sterbenz), and the residual below is
        // then computed in the lower tail, where erfc keeps its relative accuracy.
        if p > 0.5 { return -normalQuantile(1 - p) }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5
            let r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log1p(-p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        // One Halley step: e = Φ(x) − p, u = e·√(2π)·exp(x²/2).
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    /// Upper tail of the chi-square distribution with `degreesOfFreedom` (> 0):
    /// `P(X > x) = Q(k/2, x/2)`, the regularized upper incomplete gamma function.
    ///
    /// Series for `x < a + 1`, Lentz's continued fraction otherwise (Press et al.,
    /// *Numerical Recipes*, 3rd ed., §6.2).
    static func chiSquareUpperTail(_ x: Double, degreesOfFreedom: Int) -> Double {
        guard x.isFinite, degreesOfFreedom > 0 else { return x == .infinity ? 0 : .nan }
        if x <= 0 { return 1 }
        let a = Double(degreesOfFreedom) / 2
        let z = x / 2
        let logPrefix = -z + a * log(z) - lgamma(a)
        if z < a + 1 {
            var term = 1 / a
            var sum = term
            var ap = a
            for _ in 0..<10_000 {
                ap += 1
                term *= z / ap
                sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
            }
            return max(0, 1 - sum * exp(logPrefix))
        }
        let tiny = 1e-300
        var bb = z + 1 - a
        var cc = 1 / tiny
        var dd = 1 / bb
        var h = dd
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            bb += 2
            dd = an * dd + bb
            if abs(dd) < tiny { dd = tiny }
            cc = bb + an / cc
            if abs(cc) < tiny { cc = tiny }
            dd = 1 / dd
            let delta = dd * cc
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(logPrefix) * h
    }
}
