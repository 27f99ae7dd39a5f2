#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Randomness
import Testing

/// The ziggurat samplers against their distributions: moments and Kolmogorov–Smirnov at
/// fixed seeds as the other samplers, the layers' equal areas, and the tails beyond r
/// (the draws that leave the layers), whose share and shape a sample of the body barely sees.
@Suite struct ZigguratTests {
    @Test func exponential() {
        SamplerDistributionTests().checkContinuous(
            "Exponential(1)", moments: Reference.Moments(mean: 1, variance: 1, excessKurtosis: 6),
            cdf: { $0 <= 0 ? 0 : -expm1(-$0) }) { g in g.exponentialZiggurat() }
    }

    @Test func normal() {
        SamplerDistributionTests().checkContinuous(
            "Normal(0, 1)", moments: Reference.normalMoments(mean: 0, sd: 1),
            cdf: { Reference.normalCDF($0) }) { g in g.normalZiggurat() }
    }

    /// Every layer has the same area, and the top one closes at f(0) = 1 (the recurrence
    /// from r lands where it should).
    @Test(arguments: [("exponential", 0), ("normal", 1)])
    func layersHaveEqualAreas(name: String, which: Int) {
        let z = which == 0 ? ZigguratLayers.exponential : ZigguratLayers.normal
        let v = z.x[0] * z.f[1]
        for i in 1...255 {
            let area = z.x[i] * ((i == 255 ? 1 : z.f[i + 1]) - z.f[i])
            #expect(abs(area - v) < 1e-9 * v, "\(name) layer \(i): area \(area), expected \(v)")
        }
        #expect(z.x[256] == 0)
        #expect(z.f[256] == 1)
    }

    /// The share of draws beyond r is the distribution's tail probability (within 4.5
    /// Poisson standard deviations), and the excess beyond r has the right law: for the
    /// exponential Exp(1) again (mean 1), for the normal the tail's mean excess
    /// φ(r) / (1 − Φ(r)) − r.
    @Test func tails() {
        let n = 2_000_000
        var g = Xoshiro256StarStar(seed: 7)
        let re = 7.69711747013104972
        var count = 0, excess = 0.0
        for _ in 0..<n {
            let x = g.exponentialZiggurat()
            if x > re { count += 1; excess += x - re }
        }
        var expected = Double(n) * exp(-re)
        #expect(abs(Double(count) - expected) < 4.5 * expected.squareRoot(), "exponential tail: \(count) beyond r, expected \(expected)")
        #expect(abs(excess / Double(count) - 1) < 4.5 / Double(count).squareRoot(), "exponential tail excess \(excess / Double(count))")

        let rn = 3.6541528853610088
        count = 0
        excess = 0
        var negative = 0
        for _ in 0..<n {
            let x = g.normalZiggurat()
            if abs(x) > rn {
                count += 1
                excess += abs(x) - rn
                if x < 0 { negative += 1 }
            }
        }
        let tail = 1 - Reference.normalCDF(rn)
        expected = Double(n) * 2 * tail
        #expect(abs(Double(count) - expected) < 4.5 * expected.squareRoot(), "normal tail: \(count) beyond ±r, expected \(expected)")
        let phi = exp(-rn * rn / 2) / (2 * Double.pi).squareRoot()
        let meanExcess = phi / tail - rn
        // The excess's s.d. is below its mean in the normal tail: a loose bound by the mean.
        #expect(abs(excess / Double(count) - meanExcess) < 4.5 * meanExcess / Double(count).squareRoot(),
                "normal tail excess \(excess / Double(count)), expected \(meanExcess)")
        #expect(abs(Double(negative) - Double(count) / 2) < 4.5 * (Double(count) / 4).squareRoot(), "normal tail sign")
    }
}
