#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Uniform draws

extension RandomNumberGenerator {
    /// A uniform double in [0, 1) with 53 random bits, from one 64-bit output:
    ///
    /// ```
    /// u = (next() ≫ 11) × 2⁻⁵³
    /// ```
    ///
    /// Every multiple of 2⁻⁵³ in [0, 1) is equally likely; 1 is never returned.
    @inlinable @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1), safe for logarithms: the midpoints of the 2⁵³ cells of
    /// ``uniform()``,
    ///
    /// ```
    /// u = ((next() ≫ 11) + ½) × 2⁻⁵³
    /// ```
    ///
    /// so neither 0 nor 1 is returned and the distribution is symmetric about ½.
    @inlinable @inline(__always)
    public mutating func uniformOpen() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// True with probability `p`: `uniform() < p`. A `p` at or below 0 is never true, at or
    /// above 1 always; one draw either way.
    @inlinable @inline(__always)
    public mutating func bernoulli(_ p: Double) -> Bool {
        uniform() < p
    }

    /// An index in `0 ..< n` (`n` > 0) by Lemire's multiply-shift: the high 64 bits of
    /// `next() × n`. One draw always; the bias, below n / 2⁶⁴, is negligible for the small
    /// ranges it is used on (names, offsets, ceilings).
    ///
    /// Reference: D. Lemire, *Fast random integer generation in an interval*, ACM TOMACS
    /// 29(1), 2019, <https://doi.org/10.1145/3230636> (without the rejection step).
    @inlinable
    public mutating func index(_ n: Int) -> Int {
        precondition(n > 0, "index needs a positive range")
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }
}
