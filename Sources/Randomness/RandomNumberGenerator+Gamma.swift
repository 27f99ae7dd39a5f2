#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Gamma and beta

extension RandomNumberGenerator {
    /// A gamma deviate with shape `k` (> 0) and scale `θ` (> 0): mean `kθ`, variance `kθ²`.
    ///
    /// Marsaglia and Tsang's method for `k ≥ 1`: with `d = k − ⅓`, `c = 1/√(9d)`, draw a
    /// normal `x` (``normal()``) until `v = (1 + cx)³ > 0`, and a `u` from ``uniformOpen()``;
    /// accept `dvθ` when
    ///
    /// ```
    /// u < 1 − 0.0331 x⁴   (the squeeze)   or   ln u < x²/2 + d(1 − v + ln v)
    /// ```
    ///
    /// and start again otherwise (about 5 % of tries at `k = 1`, fewer as `k` grows). For
    /// `k < 1`, the same paper's boost: `Gamma(k) = Gamma(k + 1) · u^(1/k)`, the `u` drawn
    /// first.
    ///
    /// Reference: G. Marsaglia, W. W. Tsang, *A simple method for generating gamma
    /// variables*, ACM TOMS 26(3), 2000, <https://doi.org/10.1145/358407.358414>.
    @inlinable
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

    /// A beta deviate with shapes `a` and `b` (both > 0) as the ratio of two gammas:
    ///
    /// ```
    /// X ~ Gamma(a, 1),  Y ~ Gamma(b, 1)  (X drawn first),   B = X / (X + Y)
    /// ```
    ///
    /// Mean `a / (a + b)`, variance `ab / ((a + b)² (a + b + 1))`.
    ///
    /// Reference: L. Devroye, *Non-Uniform Random Variate Generation*, Springer, 1986,
    /// ch. IX.4, <https://doi.org/10.1007/978-1-4613-8643-8>; the gammas by
    /// ``gamma(shape:scale:)``.
    @inlinable
    public mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a)
        let y = gamma(shape: b)
        return x / (x + y)
    }
}
