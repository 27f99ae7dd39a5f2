/// Error-free transformations and a compensated accumulator: sums and dot products that are
/// as accurate as if computed in twice the working precision (about 32 significant digits)
/// and then rounded to `Double`.
///
/// `twoSum` is Knuth's TwoSum, `twoProduct` uses one fused multiply–add; the accumulator is
/// the `Dot2` algorithm of Ogita, Rump & Oishi, "Accurate sum and dot product",
/// SIAM J. Sci. Comput. 26(6), 2005, doi:10.1137/030601818.
public enum Compensated {
    /// `(s, e)` with `s = fl(a + b)` and `a + b = s + e` exactly (Knuth's TwoSum).
    @inlinable
    public static func twoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
        let s = a + b
        let bb = s - a
        let e = (a - (s - bb)) + (b - bb)
        return (s, e)
    }

    /// `(p, e)` with `p = fl(a·b)` and `a·b = p + e` exactly (one fused multiply–add),
    /// barring underflow.
    @inlinable
    public static func twoProduct(_ a: Double, _ b: Double) -> (product: Double, error: Double) {
        let p = a * b
        return (p, (-p).addingProduct(a, b))
    }

    /// `Σ xᵢ·yᵢ` as if computed in twice the working precision, then rounded.
    ///
    /// - Precondition: `x.count == y.count`.
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "dot: lengths differ")
        var acc = Accumulator()
        for i in x.indices { acc.addProduct(x[i], y[i]) }
        return acc.value
    }

    /// `Σ xᵢ` as if computed in twice the working precision, then rounded.
    public static func sum(_ x: [Double]) -> Double {
        var acc = Accumulator()
        for v in x { acc.add(v) }
        return acc.value
    }

    /// A running sum kept as a leading `Double` plus an accumulated correction.
    public struct Accumulator: Sendable {
        /// The leading part of the sum.
        public var high: Double
        /// The accumulated rounding errors.
        public var low: Double

        /// A sum starting at `value`.
        @inlinable
        public init(_ value: Double = 0) {
            high = value
            low = 0
        }

        /// Adds `x`.
        @inlinable
        public mutating func add(_ x: Double) {
            let s = high + x
            let bb = s - high
            low += (high - (s - bb)) + (x - bb)
            high = s
        }

        /// Adds the exact product `a·b`.
        @inlinable
        public mutating func addProduct(_ a: Double, _ b: Double) {
            let p = a * b
            let pe = (-p).addingProduct(a, b)
            let s = high + p
            let bb = s - high
            low += (high - (s - bb)) + (p - bb) + pe
            high = s
        }

        /// The sum rounded to `Double`.
        @inlinable
        public var value: Double { high + low }
    }
}
