#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Ziggurat samplers

/// The layers of a ziggurat for a decreasing density f on [0, ∞) (Marsaglia & Tsang, "The
/// Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8), 2000): 256
/// layers of equal area v, layer i the box [0, x_i] × [f(x_i), f(x_{i+1})]; layer 0 is the
/// base strip of width v / f(r) holding the tail beyond x_1 = r; x_256 = 0.
///
/// The tables are computed once from r (v is r·f(r) plus the tail's area) and never freed:
/// plain memory, so a draw reads them without reference counting.
public struct ZigguratLayers: @unchecked Sendable {
    /// x_0 … x_256 (x_0 the base strip's width).
    @usableFromInline let x: UnsafeMutablePointer<Double>
    /// f(x_1) … f(x_256) at indices 1…256; index 0 holds 0, the bottom of the base strip
    /// (whose top is f(r) = f(x_1)).
    @usableFromInline let f: UnsafeMutablePointer<Double>
    /// The tail's start, r = x_1.
    @usableFromInline let r: Double

    /// The layers of density `density` with inverse `inverse`, tail from `r`, each layer's
    /// area `v`.
    init(r: Double, v: Double, density: (Double) -> Double, inverse: (Double) -> Double) {
        x = UnsafeMutablePointer<Double>.allocate(capacity: 257)
        f = UnsafeMutablePointer<Double>.allocate(capacity: 257)
        self.r = r
        x[0] = v / density(r)
        x[1] = r
        for i in 1..<255 { x[i + 1] = inverse(density(x[i]) + v / x[i]) }
        x[256] = 0
        for i in 0...256 { f[i] = density(x[i]) }
        f[0] = 0
    }

    /// The exponential density e^(−x) (r = 7.697117470131050, Marsaglia & Tsang's 256
    /// layers; v = (r + 1) e^(−r)).
    public static let exponential: ZigguratLayers = {
        let r = 7.69711747013104972
        return ZigguratLayers(r: r, v: (r + 1) * exp(-r), density: { exp(-$0) }, inverse: { -log($0) })
    }()

    /// The half-normal density e^(−x²/2) (r = 3.654152885361009, Marsaglia & Tsang's 256
    /// layers; v = r e^(−r²/2) + √(π/2) erfc(r/√2)).
    public static let normal: ZigguratLayers = {
        let r = 3.6541528853610088
        let v = r * exp(-r * r / 2) + (Double.pi / 2).squareRoot() * erfc(r / 2.0.squareRoot())
        return ZigguratLayers(r: r, v: v, density: { exp(-$0 * $0 / 2) }, inverse: { (-2 * log($0)).squareRoot() })
    }()
}

extension RandomNumberGenerator {
    /// An Exponential(1) draw by the ziggurat (Marsaglia & Tsang 2000): one 64-bit word
    /// picks a layer (8 bits) and a point across it (53 bits); about 98.9 % of draws end
    /// there, without a logarithm. The rest test the layer's wedge against e^(−x), or draw
    /// the tail beyond r as r plus an exponential (the exponential forgets). Exact in law,
    /// as inversion (`−ln u`) is; a faster path to the same distribution.
    ///
    /// The common case is inlined at the caller; the wedge, the tail and a rejected draw's
    /// retry are one call (``exponentialZigguratRest(bits:x:)``), the same draws in the
    /// same order.
    @inlinable @inline(__always)
    public mutating func exponentialZiggurat() -> Double {
        let z = ZigguratLayers.exponential
        let bits = next()
        let i = Int(truncatingIfNeeded: bits & 0xFF)
        let x = Double(bits >> 11) * 0x1.0p-53 * z.x[i]
        if x < z.x[i + 1] { return x }
        return exponentialZigguratRest(bits: bits, x: x)
    }

    /// ``exponentialZiggurat()`` from a first word `bits` whose point `x` fell outside its
    /// layer's rectangle: the base strip's tail, the wedge test, and on rejection new words
    /// until one is accepted.
    @inlinable @inline(never)
    public mutating func exponentialZigguratRest(bits first: UInt64, x firstX: Double) -> Double {
        let z = ZigguratLayers.exponential
        var bits = first, x = firstX
        while true {
            let i = Int(truncatingIfNeeded: bits & 0xFF)
            if i == 0 { return z.r - log((Double(next() >> 11) + 0.5) * 0x1.0p-53) }
            if z.f[i] + uniform() * (z.f[i + 1] - z.f[i]) < exp(-x) { return x }
            bits = next()
            let j = Int(truncatingIfNeeded: bits & 0xFF)
            x = Double(bits >> 11) * 0x1.0p-53 * z.x[j]
            if x < z.x[j + 1] { return x }
        }
    }

    /// A Normal(0, 1) draw by the ziggurat (Marsaglia & Tsang 2000): as
    /// ``exponentialZiggurat()`` on the half-normal, one more bit for the sign; the tail
    /// beyond r by Marsaglia's method (x = −ln u₁ / r, accepted when −2 ln u₂ > x²). Exact in
    /// law, as Box–Muller (``normal()``) is, without its logarithm and cosine on most draws.
    @inlinable
    public mutating func normalZiggurat() -> Double {
        let z = ZigguratLayers.normal
        while true {
            let bits = next()
            let i = Int(truncatingIfNeeded: bits & 0xFF)
            let sign: Double = bits & 0x100 == 0 ? 1 : -1
            let x = Double(bits >> 11) * 0x1.0p-53 * z.x[i]
            if x < z.x[i + 1] { return sign * x }
            if i == 0 {
                var a = 0.0, b = 0.0
                repeat {
                    a = -log(uniformOpen()) / z.r
                    b = -log(uniformOpen())
                } while b + b < a * a
                return sign * (z.r + a)
            }
            if z.f[i] + uniform() * (z.f[i + 1] - z.f[i]) < exp(-0.5 * x * x) { return sign * x }
        }
    }
}
