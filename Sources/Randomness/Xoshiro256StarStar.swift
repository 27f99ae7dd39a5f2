/// xoshiro256** 1.0, the all-purpose 64-bit generator of Blackman and Vigna: period
/// 2²⁵⁶ − 1, passes BigCrush.
///
/// ```
/// result ← rotl(s1 × 5, 7) × 9
/// t ← s1 ≪ 17
/// s2 ⊕= s0; s3 ⊕= s1; s1 ⊕= s2; s0 ⊕= s3; s2 ⊕= t; s3 ← rotl(s3, 45)
/// ```
///
/// The one copy of this generator in the package. The simulator draws from it through the
/// samplers of this module (``Swift/RandomNumberGenerator/uniform()``,
/// ``Swift/RandomNumberGenerator/normal()``, ``Swift/RandomNumberGenerator/gamma(shape:scale:)``
/// and the others), the forecast through its own streams and samplers (`Forecasting.Xoshiro`);
/// the integers are the same on every platform, and the samplers' doubles are wherever the
/// C library's `log`, `exp`, `cos` and `pow` round alike (the rest is IEEE-754 arithmetic). Seeded from one 64-bit value by ``SplitMix64``, as the authors
/// recommend, so the state is never all zeros.
///
/// Reference: D. Blackman, S. Vigna, *Scrambled linear pseudorandom number generators*,
/// ACM TOMS 47(4), 2021, <https://doi.org/10.1145/3460772>;
/// <https://prng.di.unimi.it/xoshiro256starstar.c>.
@frozen
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator whose state is four outputs of `SplitMix64(seed:)`.
    @inlinable
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        self.init(seeding: &sm)
    }

    /// A generator whose state is the next four outputs of `seeder`; an all-zero state
    /// (which xoshiro cannot leave) becomes `(1, 0, 0, 0)`.
    @inlinable @inline(__always)
    public init(seeding seeder: inout SplitMix64) {
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// A generator with the given raw state, for the reference test vectors.
    ///
    /// - Precondition: the state is not all zeros.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zeros")
        (s0, s1, s2, s3) = state
    }

    /// A generator for the stream named by `parts` (see ``SplitMix64/mix(_:)``).
    @inlinable
    public init(stream parts: [UInt64]) {
        self.init(seed: SplitMix64.mix(parts))
    }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }
}
