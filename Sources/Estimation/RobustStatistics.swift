/// Robust summaries of a sample: sample quantiles and the Theil–Sen slope.
public enum RobustStatistics {
    /// The sample quantile of probability `p` by linear interpolation between order
    /// statistics (Hyndman & Fan's type 7, the default of R and NumPy):
    ///
    /// ```
    /// h = (n − 1) p,   Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋) (x₍⌊h⌋+1₎ − x₍⌊h⌋₎)
    /// ```
    ///
    /// with x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎ the sorted sample. Q(0.5) is the median (the mean of the two
    /// middle values for an even n).
    ///
    /// Reference: R. J. Hyndman and Y. Fan, "Sample quantiles in statistical packages",
    /// *The American Statistician* 50(4), 361–365 (1996), doi:10.2307/2684934.
    ///
    /// - Parameters:
    ///   - values: the sample; non-finite values are left out.
    ///   - p: the probability, 0…1.
    /// - Returns: `nil` for an empty sample.
    /// - Precondition: `p` is in 0…1.
    /// - Complexity: O(n log n).
    public static func quantile(_ values: [Double], _ p: Double) -> Double? {
        quantiles(values, [p]).first ?? nil
    }

    /// The type-7 quantiles of `values` at each of `probabilities` (one sort for all); see
    /// ``quantile(_:_:)``.
    ///
    /// - Returns: one entry per probability, `nil` for an empty sample.
    /// - Complexity: O(n log n + k).
    public static func quantiles(_ values: [Double], _ probabilities: [Double]) -> [Double?] {
        let sorted = values.filter(\.isFinite).sorted()
        return probabilities.map { p in
            precondition(p >= 0 && p <= 1, "a quantile's probability must be in 0…1")
            guard !sorted.isEmpty else { return nil }
            let h = Double(sorted.count - 1) * p
            let lo = Int(h.rounded(.down))
            let hi = min(lo + 1, sorted.count - 1)
            return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
        }
    }

    /// The median of `values` (type-7 quantile 0.5), `nil` for an empty sample.
    public static func median(_ values: [Double]) -> Double? { quantile(values, 0.5) }

    /// The Theil–Sen slope of the points (x, y): the median of the slopes
    /// (yⱼ − yᵢ) / (xⱼ − xᵢ) over every pair with xᵢ ≠ xⱼ.
    ///
    /// Up to 29 % of the points can be arbitrarily wrong without carrying the slope away;
    /// one odd week does not make a trend.
    ///
    /// References: H. Theil, "A rank-invariant method of linear and polynomial regression
    /// analysis", *Indagationes Mathematicae* 12, 85–91 (1950); P. K. Sen, "Estimates of the
    /// regression coefficient based on Kendall's tau", *Journal of the American Statistical
    /// Association* 63(324), 1379–1389 (1968), doi:10.1080/01621459.1968.10480934.
    ///
    /// - Returns: `nil` when fewer than two distinct x values are given.
    /// - Precondition: `x` and `y` have the same length.
    /// - Complexity: O(n² log n).
    public static func theilSenSlope(x: [Double], y: [Double]) -> Double? {
        precondition(x.count == y.count, "x and y must have the same length")
        var slopes: [Double] = []
        for i in x.indices {
            for j in x.indices where j > i && x[j] != x[i] {
                let s = (y[j] - y[i]) / (x[j] - x[i])
                if s.isFinite { slopes.append(s) }
            }
        }
        return median(slopes)
    }
}
