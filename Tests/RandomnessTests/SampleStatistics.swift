#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The statistics the sampler tests compute from a sample, and the limits they are held to.
///
/// Every check uses a fixed seed, so a test's outcome never changes from run to run; the
/// limits are those a correct sampler would exceed with small probability at a random seed,
/// so a failure points at the sampler rather than at chance.
enum SampleCheck {
    /// Standard errors a sample mean or variance may stray from the true value: z = 4,
    /// two-sided normal probability 6.3 × 10⁻⁵.
    static let z = 4.0

    /// The significance level of the goodness-of-fit tests.
    static let alpha = 0.001

    /// The asymptotic Kolmogorov critical value at ``alpha``: `√(−ln(α/2) / 2)` = 1.94947
    /// (the limit of `√n · D` is exceeded with probability 0.001; Kolmogorov 1933, Smirnov
    /// 1948). The critical value of `D` for `n` draws is this over `√n`.
    static let kolmogorovCritical = (-0.5 * log(alpha / 2)).squareRoot()

    /// The sample mean and the unbiased sample variance (two passes).
    static func meanAndVariance(_ xs: [Double]) -> (mean: Double, variance: Double) {
        let n = Double(xs.count)
        let mean = xs.reduce(0, +) / n
        let squares = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, squares / (n - 1))
    }

    /// The standard error of the mean of `n` draws, `σ / √n`.
    static func meanStandardError(_ m: Reference.Moments, n: Int) -> Double {
        (m.variance / Double(n)).squareRoot()
    }

    /// The standard error of the unbiased sample variance of `n` draws,
    /// `σ² √(2/(n − 1) + γ₂/n)` with γ₂ the excess kurtosis (exact for iid draws).
    static func varianceStandardError(_ m: Reference.Moments, n: Int) -> Double {
        m.variance * (2 / Double(n - 1) + m.excessKurtosis / Double(n)).squareRoot()
    }

    /// The Kolmogorov–Smirnov statistic `D = sup |Fₙ(x) − F(x)|` of a sample against the
    /// continuous CDF `cdf`.
    static func kolmogorovSmirnov(_ xs: [Double], cdf: (Double) -> Double) -> Double {
        let sorted = xs.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = cdf(x)
            d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
        }
        return d
    }

    /// Pearson's chi-square statistic of integer draws against the probabilities `pmf(k)`
    /// of k = 0, 1, …: one cell per value while the expected count of the cell and of all
    /// values above it are both at least 5, then one cell for the rest. Returns the
    /// statistic and its degrees of freedom (cells − 1; no parameter is estimated).
    static func chiSquare(_ draws: [Int], pmf: (Int) -> Double) -> (statistic: Double, df: Int) {
        let n = Double(draws.count)
        var expected: [Double] = []
        var remaining = 1.0
        var k = 0
        while true {
            let p = pmf(k)
            if n * p < 5 || n * (remaining - p) < 5 { break }
            expected.append(n * p)
            remaining -= p
            k += 1
        }
        expected.append(n * remaining)
        var observed = [Double](repeating: 0, count: expected.count)
        for g in draws { observed[min(g, expected.count - 1)] += 1 }
        var statistic = 0.0
        for (o, e) in zip(observed, expected) { statistic += (o - e) * (o - e) / e }
        return (statistic, expected.count - 1)
    }
}
