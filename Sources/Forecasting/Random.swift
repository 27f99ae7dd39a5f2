#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Randomness

/// xoshiro256**, Blackman & Vigna (2021), "Scrambled linear pseudorandom number
/// generators", ACM TOMS 47(4), doi:10.1145/3460772: the forecast's random numbers.
///
/// A stream is identified by a list of keys (seed, cooperative, purpose), so each
/// cooperative draws from its own stream and results do not depend on the order or the
/// thread in which cooperatives run.
public struct Xoshiro: Sendable {
    /// The generator (``Randomness/Xoshiro256StarStar``); this type adds the forecast's
    /// stream seeding and samplers.
    private var core: Xoshiro256StarStar
    private var spare = 0.0
    private var hasSpare = false

    /// The stream for `keys`, seeded through SplitMix64.
    public init(stream keys: [UInt64]) {
        var sm = SplitMix64(seed: 0x4B45_4E44_414C_4931)
        for k in keys { sm.state ^= k; _ = sm.next(); sm.state = sm.next() }
        core = Xoshiro256StarStar(seeding: &sm)
    }

    /// The stream of one (stream key, path, stage) triple without allocating: the per-path,
    /// per-stage streams of the forecast, so that a change in one stage of one path (an
    /// intervention) leaves every other stage's draws as they were (common random numbers).
    @inline(__always)
    public init(key: UInt64, path: UInt64, stage: UInt64) {
        var sm = SplitMix64(seed: key)
        sm.state ^= path &* 0xD1B5_4A32_D192_ED03
        _ = sm.next()
        sm.state ^= stage &* 0x8CB9_2BA7_2F3D_8DD7
        core = Xoshiro256StarStar(seeding: &sm)
    }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 { core.next() }

    /// A uniform number in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform number in (0, 1].
    @inline(__always)
    public mutating func uniformPositive() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// A standard normal number: Marsaglia's polar method (Marsaglia & Bray (1964), *SIAM
    /// Review* 6(3), doi:10.1137/1006063); the pair's second number is kept for the next call.
    public mutating func normal() -> Double {
        if hasSpare {
            hasSpare = false
            return spare
        }
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let f = (-2 * log(s) / s).squareRoot()
                spare = v * f
                hasSpare = true
                return u * f
            }
        }
    }

    /// True with probability `p`.
    @inline(__always)
    public mutating func bernoulli(_ p: Double) -> Bool { uniform() < p }

    /// The number of failures before the first success of weekly probability `p`
    /// (geometric on 0, 1, …), or `Int.max` when `p` ≤ 0.
    public mutating func geometric(_ p: Double) -> Int {
        if p >= 1 { return 0 }
        if p <= 0 { return Int.max }
        let g = log(uniformPositive()) / log1p(-p)
        return g >= 1e9 ? Int.max : Int(g)
    }

    /// A gamma(shape `a`, scale 1) number: Marsaglia & Tsang (2000), ACM TOMS 26(3),
    /// doi:10.1145/358407.358414 (with the a < 1 boost).
    public mutating func gamma(_ a: Double) -> Double {
        if a < 1 {
            let g = gamma(a + 1)
            return g * pow(uniformPositive(), 1 / a)
        }
        let d = a - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniformPositive()
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
    }

    /// A beta(`a`, `b`) number.
    public mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(a)
        let y = gamma(b)
        return x + y > 0 ? x / (x + y) : 0.5
    }
}
