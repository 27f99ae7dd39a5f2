#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Geometric

extension RandomNumberGenerator {
    /// A geometric deviate: the number of failures before the first success in Bernoulli
    /// trials with success probability `p` ∈ (0, 1], so `P(G = k) = (1 − p)ᵏ p` for
    /// k = 0, 1, …, mean `(1 − p) / p` and variance `(1 − p) / p²`. By inversion, one draw:
    ///
    /// ```
    /// G = ⌊ln u / ln(1 − p)⌋,   u = uniformOpen() ∈ (0, 1)
    /// ```
    ///
    /// (`ln(1 − p)` as `log1p(−p)`, exact for small `p`). `p` ≥ 1 returns 0 without a draw;
    /// values are capped at `Int32.max`.
    ///
    /// Reference: L. Devroye, *Non-Uniform Random Variate Generation*, Springer, 1986,
    /// ch. X.2, <https://doi.org/10.1007/978-1-4613-8643-8>.
    @inlinable
    public mutating func geometric(_ p: Double) -> Int {
        if p >= 1 { return 0 }
        precondition(p > 0, "geometric needs a success probability above 0")
        let g = log(uniformOpen()) / log1p(-p)
        return g >= Double(Int32.max) ? Int(Int32.max) : Int(g)
    }
}
