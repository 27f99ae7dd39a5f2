#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exact distribution functions and moments the sampler tests compare against, written
/// from their textbook definitions and checked against closed forms and table values in
/// `ReferenceDistributionTests`.
enum Reference {
    // MARK: - Cumulative distribution functions

    /// The standard normal CDF, `Φ(x) = erfc(−x/√2) / 2`.
    static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The regularized lower incomplete gamma function `P(a, x) = γ(a, x) / Γ(a)` (`a` > 0,
    /// `x` ≥ 0): the CDF of Gamma(a, 1) at `x`.
    ///
    /// The power series `P = e⁻ˣ xᵃ Σₙ xⁿ / Γ(a + n + 1)` for `x < a + 1`, and below that
    /// `1 − Q` with `Q` from its continued fraction evaluated by the modified Lentz method
    /// (W. H. Press et al., *Numerical Recipes*, 3rd ed., Cambridge, 2007, §6.2).
    static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0, "the shape must be positive")
        if x <= 0 { return 0 }
        if x.isInfinite { return 1 }
        let logPrefix = -x + a * log(x) - lgamma(a)
        if x < a + 1 {
            var term = 1 / a
            var sum = term
            var n = a
            for _ in 0..<100_000 {
                n += 1
                term *= x / n
                sum += term
                if term < sum * 1e-17 { break }
            }
            return min(1, sum * exp(logPrefix))
        }
        return max(0, 1 - upperGammaContinuedFraction(a, x) * exp(logPrefix))
    }

    /// The regularized upper incomplete gamma function `Q(a, x) = 1 − P(a, x)`, accurate
    /// in the far tail too (chi-square p-values).
    static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        if x < a + 1 { return 1 - regularizedGammaP(a, x) }
        return upperGammaContinuedFraction(a, x) * exp(-x + a * log(x) - lgamma(a))
    }

    /// The continued fraction `Q(a, x) eˣ x⁻ᵃ Γ(a) = 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …))`.
    private static func upperGammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }

    /// The regularized incomplete beta function `I_x(a, b)` (`a`, `b` > 0, 0 ≤ `x` ≤ 1):
    /// the CDF of Beta(a, b) at `x`.
    ///
    /// The continued fraction of `I_x(a, b) · a B(a, b) / (xᵃ (1 − x)ᵇ)` by the modified Lentz
    /// method, where it converges fast (`x < (a + 1)/(a + b + 2)`), and the symmetry
    /// `I_x(a, b) = 1 − I_{1−x}(b, a)` otherwise (Press et al., *Numerical Recipes*, §6.4).
    static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        precondition(a > 0 && b > 0, "the shapes must be positive")
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        if x > (a + 1) / (a + b + 2) { return 1 - regularizedBeta(1 - x, b, a) }
        let logPrefix = a * log(x) + b * log1p(-x) - (lgamma(a) + lgamma(b) - lgamma(a + b))
        return exp(logPrefix) * betaContinuedFraction(x, a, b) / a
    }

    /// `1/(1 + d₁/(1 + d₂/(1 + …)))` with `d₂ₘ₊₁ = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))`
    /// and `d₂ₘ = m (b − m) x / ((a + 2m − 1)(a + 2m))`.
    private static func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for step in 1..<100_000 {
            let m = Double(step)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }

    /// The chi-square upper tail `P(X > x)` with `df` degrees of freedom: `Q(df/2, x/2)`.
    static func chiSquareUpperTail(_ x: Double, df: Int) -> Double {
        regularizedGammaQ(Double(df) / 2, x / 2)
    }

    /// The chi-square critical value `c` with `P(X > c) = alpha`, by bisection on
    /// ``chiSquareUpperTail(_:df:)`` to 1e-10 relative.
    static func chiSquareCritical(alpha: Double, df: Int) -> Double {
        var low = 0.0
        var high = Double(df) + 20 * Double(2 * df).squareRoot() + 100
        while high - low > 1e-10 * high {
            let mid = (low + high) / 2
            if chiSquareUpperTail(mid, df: df) > alpha { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }

    // MARK: - Moments

    /// The mean, variance and excess kurtosis `μ₄/σ⁴ − 3` of a distribution: what the
    /// standard errors of the sample mean and variance need.
    struct Moments {
        var mean: Double
        var variance: Double
        var excessKurtosis: Double
    }

    /// Normal(μ, σ): kurtosis excess 0.
    static func normalMoments(mean: Double, sd: Double) -> Moments {
        Moments(mean: mean, variance: sd * sd, excessKurtosis: 0)
    }

    /// Lognormal(μ, σ): mean `e^(μ+σ²/2)`, variance `(e^(σ²) − 1) e^(2μ+σ²)`, excess kurtosis
    /// `e^(4σ²) + 2e^(3σ²) + 3e^(2σ²) − 6` (Johnson, Kotz and Balakrishnan, ch. 14).
    static func lognormalMoments(mu: Double, sigma: Double) -> Moments {
        let s2 = sigma * sigma
        return Moments(mean: exp(mu + s2 / 2), variance: expm1(s2) * exp(2 * mu + s2),
                       excessKurtosis: exp(4 * s2) + 2 * exp(3 * s2) + 3 * exp(2 * s2) - 6)
    }

    /// Gamma(k, θ): mean `kθ`, variance `kθ²`, excess kurtosis `6/k`.
    static func gammaMoments(shape k: Double, scale θ: Double) -> Moments {
        Moments(mean: k * θ, variance: k * θ * θ, excessKurtosis: 6 / k)
    }

    /// Beta(a, b): mean `a/(a+b)`, variance `ab/((a+b)²(a+b+1))`, excess kurtosis
    /// `6[(a−b)²(a+b+1) − ab(a+b+2)] / (ab(a+b+2)(a+b+3))`.
    static func betaMoments(_ a: Double, _ b: Double) -> Moments {
        let s = a + b
        return Moments(mean: a / s, variance: a * b / (s * s * (s + 1)),
                       excessKurtosis: 6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2))
                           / (a * b * (s + 2) * (s + 3)))
    }

    /// Geometric(p) on 0, 1, …: mean `(1−p)/p`, variance `(1−p)/p²`, excess kurtosis
    /// `6 + p²/(1−p)`.
    static func geometricMoments(_ p: Double) -> Moments {
        Moments(mean: (1 - p) / p, variance: (1 - p) / (p * p), excessKurtosis: 6 + p * p / (1 - p))
    }
}
