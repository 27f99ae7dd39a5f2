#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The generators themselves (SplitMix64, xoshiro256**) live in `Randomness`, shared with
// the forecast and the benchmarks; re-exported so that `import Simulation` keeps giving
// them, as it did when they were defined here.
@_exported import Randomness

// MARK: - Samplers

extension Xoshiro256StarStar {
    /// A uniform double in [0, 1) with 53 random bits: `(next() >> 11) × 2⁻⁵³`.
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1): never exactly 0, safe for logarithms.
    @inline(__always)
    public mutating func uniformOpen() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// True with probability `p` (clamped to [0, 1]).
    @inline(__always)
    public mutating func bernoulli(_ p: Double) -> Bool {
        uniform() < p
    }

    /// A standard normal deviate by the Box–Muller transform (one of the pair, the other
    /// discarded, so that the stream position depends only on the number of calls):
    ///
    /// ```
    /// z = √(−2 ln u₁) · cos(2π u₂),  u₁ ∈ (0, 1), u₂ ∈ [0, 1)
    /// ```
    ///
    /// Reference: G. E. P. Box, M. E. Muller, *A note on the generation of random normal
    /// deviates*, Ann. Math. Statist. 29(2), 1958, <https://doi.org/10.1214/aoms/1177706645>.
    public mutating func normal() -> Double {
        let u1 = uniformOpen()
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A normal deviate with the given mean and standard deviation (`sd` ≥ 0).
    public mutating func normal(mean: Double, sd: Double) -> Double {
        mean + sd * normal()
    }

    /// A lognormal deviate `exp(μ + σ z)`: median `exp(μ)`, mean `exp(μ + σ²/2)`.
    public mutating func lognormal(mu: Double, sigma: Double) -> Double {
        exp(mu + sigma * normal())
    }

    /// A gamma deviate with the given shape (> 0) and scale (> 0), mean `shape × scale`,
    /// by Marsaglia and Tsang's squeeze method (with the `u^(1/k)` boost for shape < 1).
    ///
    /// Reference: G. Marsaglia, W. W. Tsang, *A simple method for generating gamma
    /// variables*, ACM TOMS 26(3), 2000, <https://doi.org/10.1145/358407.358414>.
    public mutating func gamma(shape: Double, scale: Double = 1) -> Double {
        precondition(shape > 0 && scale > 0, "gamma needs a positive shape and scale")
        if shape < 1 {
            let boost = pow(uniformOpen(), 1 / shape)
            return gamma(shape: shape + 1, scale: scale) * boost
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniformOpen()
            if u < 1 - 0.0331 * x * x * x * x { return d * v * scale }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v * scale }
        }
    }

    /// A beta deviate `X / (X + Y)` with `X ~ Gamma(a)`, `Y ~ Gamma(b)`; mean `a / (a + b)`.
    public mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a)
        let y = gamma(shape: b)
        return x / (x + y)
    }

    /// A geometric deviate: the number of failures before the first success of Bernoulli
    /// trials with success probability `p` ∈ (0, 1], by inversion:
    /// `⌊ln u / ln(1 − p)⌋`. Mean `(1 − p) / p`.
    public mutating func geometric(_ p: Double) -> Int {
        if p >= 1 { return 0 }
        precondition(p > 0, "geometric needs a success probability above 0")
        let g = log(uniformOpen()) / log1p(-p)
        return g >= Double(Int32.max) ? Int(Int32.max) : Int(g)
    }

    /// A Poisson deviate with mean `lambda` (≥ 0) by Knuth's product method; meant for the
    /// small means the simulator uses (below about 30).
    public mutating func poisson(_ lambda: Double) -> Int {
        if lambda <= 0 { return 0 }
        let limit = exp(-lambda)
        var k = 0
        var p = uniform()
        while p > limit {
            k += 1
            p *= uniform()
        }
        return k
    }

    /// A uniformly chosen index in `0 ..< n` (n > 0), by Lemire's multiply-shift (the tiny
    /// bias for n far below 2⁶⁴ is irrelevant here and keeps the draw count fixed at one).
    public mutating func index(_ n: Int) -> Int {
        precondition(n > 0, "index needs a positive range")
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }
}

/// The weekly probability of at least one event of a Poisson process with the given
/// weekly rate: `1 − exp(−rate)`. Rates multiply; probabilities do not.
@inline(__always)
func hazard(_ rate: Double) -> Double {
    rate <= 0 ? 0 : -expm1(-rate)
}
