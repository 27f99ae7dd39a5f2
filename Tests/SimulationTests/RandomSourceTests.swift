#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import Simulation

/// The generators against their authors' reference outputs, and the samplers' moments.
@Suite struct RandomSourceTests {
    /// SplitMix64 from state 0: the first outputs of Vigna's reference `splitmix64.c`.
    @Test func splitMixMatchesReference() {
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(g.next() == 0x06C4_5D18_8009_454F)
    }

    /// xoshiro256** from the state {1, 2, 3, 4}: the reference outputs of
    /// `xoshiro256starstar.c` (the same vector is in the `rand_xoshiro` crate's tests).
    @Test func xoshiroMatchesReference() {
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        let expected: [UInt64] = [
            11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360,
            607_988_272_756_665_600, 16_172_922_978_634_559_625, 8_476_171_486_693_032_832,
            10_595_114_339_597_558_777, 2_904_607_092_377_533_576,
        ]
        for value in expected {
            #expect(g.next() == value)
        }
    }

    /// The same stream name gives the same numbers; a different one does not.
    @Test func streamsAreDeterministicAndDistinct() {
        var a = Xoshiro256StarStar(stream: [7, 52, 5_201_012_001])
        var b = Xoshiro256StarStar(stream: [7, 52, 5_201_012_001])
        var c = Xoshiro256StarStar(stream: [7, 52, 5_201_012_002])
        let xa = (0..<8).map { _ in a.next() }
        #expect(xa == (0..<8).map { _ in b.next() })
        #expect(xa != (0..<8).map { _ in c.next() })
        #expect(SplitMix64.mix([1, 2]) != SplitMix64.mix([2, 1]))
    }

    private func moments(_ n: Int, _ draw: () -> Double) -> (mean: Double, variance: Double) {
        var sum = 0.0, sumSq = 0.0
        for _ in 0..<n {
            let x = draw()
            sum += x
            sumSq += x * x
        }
        let mean = sum / Double(n)
        return (mean, sumSq / Double(n) - mean * mean)
    }

    /// Uniform [0, 1): mean ½, variance 1/12, never 1; the open variant never 0.
    @Test func uniformMoments() {
        var g = Xoshiro256StarStar(seed: 11)
        var lowest = 1.0, highest = 0.0
        let m = moments(200_000) {
            let u = g.uniform()
            lowest = min(lowest, u)
            highest = max(highest, u)
            return u
        }
        #expect(abs(m.mean - 0.5) < 0.003)
        #expect(abs(m.variance - 1.0 / 12) < 0.002)
        #expect(lowest >= 0 && highest < 1)
        for _ in 0..<10_000 { #expect(g.uniformOpen() > 0) }
    }

    /// Normal: mean 0, variance 1 (200,000 draws; 5 standard errors).
    @Test func normalMoments() {
        var g = Xoshiro256StarStar(seed: 12)
        let m = moments(200_000) { g.normal() }
        #expect(abs(m.mean) < 0.012)
        #expect(abs(m.variance - 1) < 0.016)
    }

    /// Gamma(k, θ): mean kθ, variance kθ², for a shape below and above 1.
    @Test(arguments: [(0.5, 2.0), (3.0, 0.5), (9.0, 1.0)])
    func gammaMoments(shape: Double, scale: Double) {
        var g = Xoshiro256StarStar(seed: 13)
        let m = moments(200_000) { g.gamma(shape: shape, scale: scale) }
        let mean = shape * scale, variance = shape * scale * scale
        #expect(abs(m.mean - mean) / mean < 0.02)
        #expect(abs(m.variance - variance) / variance < 0.05)
    }

    /// Beta(a, b): mean a/(a+b).
    @Test func betaMean() {
        var g = Xoshiro256StarStar(seed: 14)
        let m = moments(100_000) { g.beta(3, 4) }
        #expect(abs(m.mean - 3.0 / 7) < 0.005)
        #expect(abs(m.variance - 12.0 / (49 * 8)) < 0.002)
    }

    /// Geometric(p): failures before the first success, mean (1 − p)/p; p = 1 gives 0.
    @Test func geometricMean() {
        var g = Xoshiro256StarStar(seed: 15)
        let m = moments(200_000) { Double(g.geometric(0.2)) }
        #expect(abs(m.mean - 4) < 0.06)
        #expect(abs(m.variance - 20) < 0.6)
        #expect(g.geometric(1) == 0)
    }

    /// Poisson(λ): mean and variance λ.
    @Test func poissonMoments() {
        var g = Xoshiro256StarStar(seed: 16)
        let m = moments(100_000) { Double(g.poisson(3.5)) }
        #expect(abs(m.mean - 3.5) < 0.04)
        #expect(abs(m.variance - 3.5) < 0.08)
        #expect(g.poisson(0) == 0)
    }

    /// Lognormal(μ, σ): the log has mean μ and sd σ.
    @Test func lognormalLogMoments() {
        var g = Xoshiro256StarStar(seed: 17)
        let m = moments(100_000) { log(g.lognormal(mu: 0.3, sigma: 0.5)) }
        #expect(abs(m.mean - 0.3) < 0.01)
        #expect(abs(m.variance - 0.25) < 0.01)
    }

    /// `index(n)` stays in range and covers every value.
    @Test func indexCoversRange() {
        var g = Xoshiro256StarStar(seed: 18)
        var seen = Set<Int>()
        for _ in 0..<1000 {
            let i = g.index(7)
            #expect((0..<7).contains(i))
            seen.insert(i)
        }
        #expect(seen.count == 7)
    }

    /// The weekly hazard of a rate: 1 − e^(−rate), 0 for rates ≤ 0.
    @Test func hazardOfRate() {
        #expect(hazard(0) == 0)
        #expect(hazard(-1) == 0)
        #expect(abs(hazard(1) - 0.632_120_558_828_557_7) < 1e-15)
    }
}
