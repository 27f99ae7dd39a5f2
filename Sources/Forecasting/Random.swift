#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@_exported import Randomness
#if KENDALI_COUNT_DRAWS
import Synchronization

/// The 64-bit words drawn by every forecast stream in this process: compiled in only under
/// the `KENDALI_COUNT_DRAWS` flag (`swift build -Xswiftc -DKENDALI_COUNT_DRAWS`), to count
/// the random draws per path (printed by KendaliBench's forecast stage).
public let forecastWordsDrawn = Atomic<Int>(0)
/// The construction blocks (weeks with the same flags and weather) and the weeks stepped
/// in them, under the same flag: how long a block runs on average.
public let constructionBlocksRun = Atomic<Int>(0)
/// See ``constructionBlocksRun``.
public let constructionWeeksStepped = Atomic<Int>(0)
#endif

/// xoshiro256**, Blackman & Vigna (2021), "Scrambled linear pseudorandom number
/// generators", ACM TOMS 47(4), doi:10.1145/3460772: the forecast's random streams.
///
/// A stream is identified by a list of keys (seed, cooperative, purpose), or by a (key,
/// path, stage) triple, so each cooperative and each stage of each path draws from its own
/// stream and results do not depend on the order or the thread in which cooperatives run.
/// The samplers (uniform, gamma, index) are ``Randomness``'s `RandomNumberGenerator`
/// extensions; this type adds the stream seeding, the draws the forecast's event times
/// need (``exponential()``, ``waitingWeeks(_:)``) and its normal draws, both by the
/// ziggurat (``normal()``, ``lognormal(mu:sigma:)``).
public struct Xoshiro: RandomNumberGenerator, Sendable {
    /// The generator.
    private var core: Xoshiro256StarStar

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
    public mutating func next() -> UInt64 {
        #if KENDALI_COUNT_DRAWS
        forecastWordsDrawn.add(1, ordering: .relaxed)
        #endif
        return core.next()
    }

    /// An exponential number of rate 1 by the ziggurat (``Randomness``'s
    /// `exponentialZiggurat()`: one word and no logarithm on most draws). The forecast turns
    /// it into an event week by the first week whose cumulative hazard Σ −ln(1 − p_t)
    /// reaches it (inverse-CDF sampling of a discrete-time hazard).
    @inline(__always)
    public mutating func exponential() -> Double { exponentialZiggurat() }

    /// A Normal(0, 1) number by the ziggurat (``Randomness``'s `normalZiggurat()`): the
    /// forecast's normal draws (speeds, paces, parameter and capacity draws, shocks).
    /// Shadows the Box–Muller `normal()` for this generator only; samplers generic over the
    /// generator (the gamma's) keep theirs.
    @inline(__always)
    public mutating func normal() -> Double { normalZiggurat() }

    /// exp(μ + σ Z), Z by ``normal()``.
    @inline(__always)
    public mutating func lognormal(mu: Double, sigma: Double) -> Double { exp(mu + sigma * normal()) }

    /// The weeks before a weekly event of probability `p` (failures before the first
    /// success), `Int.max` when it never comes: `p` ≤ 0, or beyond 10⁹ weeks; as
    /// ``waitingWeeks(logFailure:)`` with ln(1 − p).
    @inline(__always)
    public mutating func waitingWeeks(_ p: Double) -> Int {
        guard p > 0 else { return Int.max }
        return waitingWeeks(logFailure: Self.logFailure(p))
    }

    /// ``waitingWeeks(_:)`` with ln(1 − p) computed once by the caller for a probability
    /// drawn from many times: `logFailure` = ``logFailure(_:)``. The geometric number of
    /// failures ⌊E / −ln(1 − p)⌋, E exponential (``exponential()``): P(≥ k) = (1 − p)^k,
    /// the geometric law exactly.
    @inline(__always)
    public mutating func waitingWeeks(logFailure: Double) -> Int {
        if logFailure == -.infinity { return 0 }
        guard logFailure < 0 else { return Int.max }
        let g = exponential() / -logFailure
        let weeks = g >= Double(Int32.max) ? Int(Int32.max) : Int(g)
        return weeks >= 1_000_000_000 ? Int.max : weeks
    }

    /// ln(1 − p) for ``waitingWeeks(logFailure:)``: −∞ when `p` ≥ 1 (at once), 0 when `p` ≤ 0
    /// (never).
    public static func logFailure(_ p: Double) -> Double {
        if p >= 1 { return -.infinity }
        return p > 0 ? log1p(-p) : 0
    }
}
