#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Normal and lognormal

extension RandomNumberGenerator {
    /// A standard normal deviate by the Box–Muller transform, keeping one of the pair:
    ///
    /// ```
    /// z = √(−2 ln u₁) · cos(2π u₂),   u₁ = uniformOpen() ∈ (0, 1),  u₂ = uniform() ∈ [0, 1)
    /// ```
    ///
    /// Exactly two 64-bit draws a call (the sine half is discarded), so the stream position
    /// depends only on the number of calls and no state is carried between them. The
    /// largest magnitude is √(108 ln 2) ≈ 8.65 (u₁ = 2⁻⁵⁴).
    ///
    /// Reference: G. E. P. Box, M. E. Muller, *A note on the generation of random normal
    /// deviates*, Ann. Math. Statist. 29(2), 1958, <https://doi.org/10.1214/aoms/1177706645>.
    @inlinable
    public mutating func normal() -> Double {
        let u1 = uniformOpen()
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A normal deviate with mean `mean` and standard deviation `sd` (≥ 0):
    /// `mean + sd · normal()`.
    @inlinable
    public mutating func normal(mean: Double, sd: Double) -> Double {
        mean + sd * normal()
    }

    /// A lognormal deviate `exp(μ + σ z)` with `z` from ``normal()``: the logarithm is normal
    /// with mean `mu` and standard deviation `sigma` (≥ 0), so the median is `exp(μ)`, the
    /// mean `exp(μ + σ²/2)` and the variance `(exp(σ²) − 1) exp(2μ + σ²)`.
    ///
    /// Reference: N. L. Johnson, S. Kotz, N. Balakrishnan, *Continuous Univariate
    /// Distributions*, vol. 1, 2nd ed., Wiley, 1994, ch. 14.
    @inlinable
    public mutating func lognormal(mu: Double, sigma: Double) -> Double {
        exp(mu + sigma * normal())
    }
}
