/// SplitMix64, the 64-bit seeding generator of Steele, Lea and Flood.
///
/// ```
/// state ← state + 0x9E3779B97F4A7C15
/// z ← (state ⊕ (state ≫ 30)) × 0xBF58476D1CE4E5B9
/// z ← (z ⊕ (z ≫ 27)) × 0x94D049BB133111EB
/// return z ⊕ (z ≫ 31)
/// ```
///
/// The one copy of this generator in the package: it seeds ``Xoshiro256StarStar`` (the
/// simulator's generator) and the forecast's streams, derives stream seeds from tuples of
/// integers (``mix(_:)``), and generates the seeded inputs of the benchmarks and tests.
///
/// Reference: G. L. Steele, D. Lea, C. H. Flood, *Fast splittable pseudorandom number
/// generators*, OOPSLA 2014, <https://doi.org/10.1145/2660193.2660195>.
@frozen
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The current state; any value is valid.
    public var state: UInt64

    /// A generator starting from `seed`.
    @inlinable
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.finalize(state)
    }

    /// The SplitMix64 output function: a bijective 64-bit mixer with full avalanche.
    @inlinable @inline(__always)
    public static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A well-mixed 64-bit hash of a sequence of integers, used to derive the seed of an
    /// independent stream, e.g. `mix([seed, provinceCode, cooperativeIndex])`.
    ///
    /// Different sequences give unrelated values; the result depends on the order.
    @inlinable
    public static func mix(_ values: [UInt64]) -> UInt64 {
        var h: UInt64 = 0x6A09_E667_F3BC_C908
        for v in values {
            h = finalize(h ^ finalize(v &+ 0x9E37_79B9_7F4A_7C15))
        }
        return h
    }

    /// An integer in `0..<n` (`n` > 0) as `next() mod n`: the modulo bias is below
    /// n / 2⁶⁴, negligible for generating test and benchmark inputs, which is all it is for.
    @inlinable
    public mutating func below(_ n: Int) -> Int {
        Int(next() % UInt64(n))
    }
}
