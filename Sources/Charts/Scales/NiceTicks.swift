#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// "Nice" tick values for a numeric axis: steps of 1, 2 or 5 × 10ⁿ and a range widened to
/// whole steps ("loose labelling").
///
/// Algorithm: P. S. Heckbert, "Nice Numbers for Graph Labels", *Graphics Gems*
/// (Academic Press, 1990), pp. 61–63, 657–659. The step is
/// `nicenum((max − min) / (n − 1), round: true)` where `nicenum` rounds the leading
/// digit `f` of its argument to 1 (`f < 1.5`), 2 (`f < 3`), 5 (`f < 7`) or 10.
/// Unlike the original, the span is not first passed through `nicenum(…, round: false)`,
/// which often doubles the step (0–1166 would get steps of 500 instead of 200).
/// The graph range is `[floor(min/step)·step, ceil(max/step)·step]` and the number of
/// fraction digits is `max(−floor(log10 step), 0)`.
///
/// Tick values are computed as integer multiples `k · (1|2|5)` scaled by a power of ten
/// (divided, for negative exponents), so `0.006` is the double nearest to 0.006 rather than
/// an accumulated `0.002 + 0.002 + 0.002`.
///
/// Degenerate input never divides by zero: a zero-width range `[v, v]` is widened to
/// `[v − 10 %|v|, v + 10 %|v|]` (or `[−1, 1]` around zero) and non-finite bounds fall back
/// to `[0, 1]`.
public struct NiceTicks: Sendable, Equatable {
    /// The widened lower bound (first tick).
    public let lowerBound: Double
    /// The widened upper bound (last tick).
    public let upperBound: Double
    /// Distance between neighbouring ticks, `1|2|5 × 10ⁿ`.
    public let step: Double
    /// The tick values, ascending, from `lowerBound` to `upperBound`.
    public let values: [Double]
    /// Decimals needed to tell the ticks apart (`max(−floor(log10 step), 0)`).
    public let fractionDigits: Int

    /// Ticks covering `lower … upper` (either order) with about `targetCount` ticks
    /// (at least 2 are used).
    ///
    /// - Complexity: O(number of ticks); the count is capped near `5 × targetCount`.
    public init(covering lower: Double, _ upper: Double, targetCount: Int = 6) {
        var lo = min(lower, upper), hi = max(lower, upper)
        if !lo.isFinite || !hi.isFinite {
            lo = lo.isFinite ? lo : (hi.isFinite ? hi : 0)
            hi = hi.isFinite ? hi : lo
        }
        if !(hi - lo > abs(hi) * 1e-12) || !(hi - lo).isFinite {
            let center = (hi - lo).isFinite ? (lo + hi) / 2 : 0
            let pad = center == 0 ? 1 : abs(center) * 0.1
            lo = center - pad
            hi = center + pad
        }
        let intervals = Double(max(targetCount, 2) - 1)
        let raw = (hi - lo) / intervals
        var exponent = Int(floor(log10(raw)))
        let fraction = raw / Self.power(exponent)
        var leading: Int
        if fraction < 1.5 { leading = 1 } else if fraction < 3 { leading = 2 } else if fraction < 7 {
            leading = 5
        } else { leading = 1; exponent += 1 }
        // Guard against fraction landing at exactly 10 through rounding of log10.
        if fraction >= 10 { leading = 1; exponent += 1 }

        let step = Double(leading) * Self.power(exponent)
        let kLow = Int((lo / step + 1e-9).rounded(.down))
        let kHigh = Int((hi / step - 1e-9).rounded(.up))
        var values: [Double] = []
        values.reserveCapacity(kHigh - kLow + 1)
        for k in kLow...max(kHigh, kLow + 1) {
            values.append(Self.value(multiple: k * leading, exponent: exponent))
        }
        self.step = step
        self.values = values
        self.lowerBound = values.first ?? lo
        self.upperBound = values.last ?? hi
        self.fractionDigits = max(-exponent, 0)
    }

    /// Ticks restricted to a fixed `domain`: the nice step for the domain, keeping only the
    /// multiples inside it (the domain itself is not widened).
    public static func within(_ domain: ClosedRange<Double>, targetCount: Int = 6) -> NiceTicks {
        let loose = NiceTicks(covering: domain.lowerBound, domain.upperBound, targetCount: targetCount)
        let tolerance = loose.step * 1e-9
        let inside = loose.values.filter {
            $0 >= domain.lowerBound - tolerance && $0 <= domain.upperBound + tolerance
        }
        return NiceTicks(
            lowerBound: domain.lowerBound, upperBound: domain.upperBound, step: loose.step,
            values: inside, fractionDigits: loose.fractionDigits)
    }

    private init(
        lowerBound: Double, upperBound: Double, step: Double, values: [Double], fractionDigits: Int
    ) {
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.step = step
        self.values = values
        self.fractionDigits = fractionDigits
    }

    private static func power(_ exponent: Int) -> Double {
        var p = 1.0
        if exponent >= 0 {
            for _ in 0..<min(exponent, 308) { p *= 10 }
        } else {
            for _ in 0..<min(-exponent, 308) { p /= 10 }
        }
        return p
    }

    private static func value(multiple m: Int, exponent: Int) -> Double {
        if exponent >= 0 {
            return Double(m) * power(exponent)
        }
        var divisor = 1.0
        for _ in 0..<min(-exponent, 308) { divisor *= 10 }
        return Double(m) / divisor
    }
}
