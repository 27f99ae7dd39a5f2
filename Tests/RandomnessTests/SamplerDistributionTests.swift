#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Randomness
import Testing

/// Each sampler against its distribution at fixed seeds: the sample mean and variance
/// within ``SampleCheck/z`` standard errors of the true moments, and a goodness-of-fit
/// statistic below its critical value at α = 0.001 — Kolmogorov–Smirnov against the exact
/// CDF for the continuous samplers, Pearson's chi-square against the exact probabilities for
/// the geometric.
@Suite struct SamplerDistributionTests {
    /// Draws per sample. The Kolmogorov–Smirnov critical value is then
    /// 1.94947 / √200000 = 0.004359.
    static let n = 200_000

    /// The seeds every case is run at.
    static let seeds: [UInt64] = [1, 20_260_101]

    /// Holds a continuous sample to its moments and CDF.
    func checkContinuous(_ label: String, moments m: Reference.Moments,
                                 cdf: (Double) -> Double,
                                 draw: (inout Xoshiro256StarStar) -> Double) {
        for seed in Self.seeds {
            var g = Xoshiro256StarStar(seed: seed)
            let xs = (0..<Self.n).map { _ in draw(&g) }
            let sample = SampleCheck.meanAndVariance(xs)
            let meanLimit = SampleCheck.z * SampleCheck.meanStandardError(m, n: Self.n)
            let varianceLimit = SampleCheck.z * SampleCheck.varianceStandardError(m, n: Self.n)
            #expect(abs(sample.mean - m.mean) < meanLimit,
                    "\(label), seed \(seed): mean \(sample.mean), expected \(m.mean) ± \(meanLimit)")
            #expect(abs(sample.variance - m.variance) < varianceLimit,
                    "\(label), seed \(seed): variance \(sample.variance), expected \(m.variance) ± \(varianceLimit)")
            let d = SampleCheck.kolmogorovSmirnov(xs, cdf: cdf)
            let critical = SampleCheck.kolmogorovCritical / Double(Self.n).squareRoot()
            #expect(d < critical, "\(label), seed \(seed): KS D = \(d), critical \(critical)")
        }
    }

    /// Normal(0, 1) by `normal()`, the others by `normal(mean:sd:)`.
    @Test(arguments: [(0.0, 1.0), (3.0, 2.0), (-1.5, 0.25)])
    func normal(mean: Double, sd: Double) {
        checkContinuous("Normal(\(mean), \(sd))", moments: Reference.normalMoments(mean: mean, sd: sd),
                        cdf: { Reference.normalCDF(($0 - mean) / sd) }) { g in
            mean == 0 && sd == 1 ? g.normal() : g.normal(mean: mean, sd: sd)
        }
    }

    /// Lognormal(μ, σ), with the simulator's parameters among them (report noise, sales per
    /// unit).
    @Test(arguments: [(-0.18, 0.6), (log(12_000.0), 0.6), (0.0, 0.1), (0.3, 1.0)])
    func lognormal(mu: Double, sigma: Double) {
        checkContinuous("Lognormal(\(mu), \(sigma))",
                        moments: Reference.lognormalMoments(mu: mu, sigma: sigma),
                        cdf: { $0 <= 0 ? 0 : Reference.normalCDF((log($0) - mu) / sigma) }) { g in
            g.lognormal(mu: mu, sigma: sigma)
        }
    }

    /// Gamma(k, θ) for shapes below 1 (the boost), at 1 (the exponential) and above.
    @Test(arguments: [(0.3, 1.0), (0.5, 2.0), (0.9, 1.0), (1.0, 1.0), (2.5, 0.5), (9.0, 1.0), (40.0, 0.1)])
    func gamma(shape: Double, scale: Double) {
        checkContinuous("Gamma(\(shape), \(scale))",
                        moments: Reference.gammaMoments(shape: shape, scale: scale),
                        cdf: { Reference.regularizedGammaP(shape, $0 / scale) }) { g in
            g.gamma(shape: shape, scale: scale)
        }
    }

    /// Beta(a, b), with the simulator's Beta(3, 4) (share of active members) among them and
    /// shapes below 1 on either side.
    @Test(arguments: [(3.0, 4.0), (0.5, 0.5), (2.0, 0.7), (0.3, 5.0), (12.0, 12.0)])
    func beta(a: Double, b: Double) {
        checkContinuous("Beta(\(a), \(b))", moments: Reference.betaMoments(a, b),
                        cdf: { Reference.regularizedBeta($0, a, b) }) { g in
            g.beta(a, b)
        }
    }

    /// Geometric(p) on 0, 1, …, with the simulator's p = 0.075 (members at the start) and
    /// p = 0.5 (members joining) among them. The cells and their degrees of freedom follow
    /// from `n` and `p`; at n = 200,000 the critical values χ²₀.₉₉₉ are 709.5 (p = 0.01,
    /// 597 df), 153.1 (p = 0.075, 103 df), 37.70 (p = 0.5, 15 df) and 18.47 (p = 0.9, 4 df).
    @Test(arguments: [(0.01, 597), (0.075, 103), (0.5, 15), (0.9, 4)])
    func geometric(p: Double, degreesOfFreedom: Int) {
        let m = Reference.geometricMoments(p)
        for seed in Self.seeds {
            var g = Xoshiro256StarStar(seed: seed)
            let draws = (0..<Self.n).map { _ in g.geometric(p) }
            let sample = SampleCheck.meanAndVariance(draws.map(Double.init))
            let meanLimit = SampleCheck.z * SampleCheck.meanStandardError(m, n: Self.n)
            let varianceLimit = SampleCheck.z * SampleCheck.varianceStandardError(m, n: Self.n)
            #expect(abs(sample.mean - m.mean) < meanLimit,
                    "p = \(p), seed \(seed): mean \(sample.mean), expected \(m.mean) ± \(meanLimit)")
            #expect(abs(sample.variance - m.variance) < varianceLimit,
                    "p = \(p), seed \(seed): variance \(sample.variance), expected \(m.variance) ± \(varianceLimit)")
            let fit = SampleCheck.chiSquare(draws) { k in p * pow(1 - p, Double(k)) }
            #expect(fit.df == degreesOfFreedom)
            let critical = Reference.chiSquareCritical(alpha: SampleCheck.alpha, df: fit.df)
            #expect(fit.statistic < critical,
                    "p = \(p), seed \(seed): χ² = \(fit.statistic) on \(fit.df) df, critical \(critical)")
        }
    }

    /// The geometric's edge: p = 1 is always 0 and takes no draw.
    @Test func geometricCertainSuccess() {
        var g = Xoshiro256StarStar(seed: 3)
        var h = g
        #expect(g.geometric(1) == 0)
        #expect(g.next() == h.next())
    }

    /// Uniform [0, 1): moments ½ and 1/12 and the uniform CDF; never 1. The open variant
    /// is never 0.
    @Test func uniform() {
        let m = Reference.Moments(mean: 0.5, variance: 1.0 / 12, excessKurtosis: -1.2)
        checkContinuous("Uniform[0, 1)", moments: m, cdf: { min(1, max(0, $0)) }) { g in
            let u = g.uniform()
            precondition(u >= 0 && u < 1, "uniform out of [0, 1)")
            return u
        }
        checkContinuous("Uniform(0, 1)", moments: m, cdf: { min(1, max(0, $0)) }) { g in
            let u = g.uniformOpen()
            precondition(u > 0 && u < 1, "uniformOpen out of (0, 1)")
            return u
        }
    }

    /// Bernoulli(p): the frequency of `true` within z standard errors `√(p(1−p)/n)`.
    @Test(arguments: [0.02, 0.45, 0.995])
    func bernoulli(p: Double) {
        for seed in Self.seeds {
            var g = Xoshiro256StarStar(seed: seed)
            var hits = 0
            for _ in 0..<Self.n where g.bernoulli(p) { hits += 1 }
            let limit = SampleCheck.z * (p * (1 - p) / Double(Self.n)).squareRoot()
            #expect(abs(Double(hits) / Double(Self.n) - p) < limit, "p = \(p), seed \(seed)")
        }
    }

    /// `index(n)`: every value in range, equally often (chi-square, n − 1 df; χ²₀.₉₉₉ is
    /// 22.46 for 7 values and 94.46 for 57).
    @Test(arguments: [7, 57])
    func index(range: Int) {
        for seed in Self.seeds {
            var g = Xoshiro256StarStar(seed: seed)
            let draws = (0..<Self.n).map { _ in g.index(range) }
            #expect(draws.allSatisfy { (0..<range).contains($0) })
            let fit = SampleCheck.chiSquare(draws) { _ in 1 / Double(range) }
            #expect(fit.df == range - 1)
            let critical = Reference.chiSquareCritical(alpha: SampleCheck.alpha, df: fit.df)
            #expect(fit.statistic < critical, "range \(range), seed \(seed): χ² = \(fit.statistic)")
        }
    }
}
