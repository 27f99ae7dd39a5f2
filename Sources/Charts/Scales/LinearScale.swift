/// A linear map from a numeric domain to a pixel range, `y = r₀ + (x − d₀)·(r₁ − r₀)/(d₁ − d₀)`.
///
/// The range may be inverted (an SVG y axis runs downwards: `rangeStart` is the bottom).
/// A zero-width domain maps everything to the middle of the range instead of dividing
/// by zero.
public struct LinearScale: Sendable, Equatable {
    /// Data value mapped to `rangeStart`.
    public var domainStart: Double
    /// Data value mapped to `rangeEnd`.
    public var domainEnd: Double
    /// Output (pixels) for `domainStart`.
    public var rangeStart: Double
    /// Output (pixels) for `domainEnd`.
    public var rangeEnd: Double

    /// A scale mapping `domain` onto `rangeStart … rangeEnd`.
    public init(domain: ClosedRange<Double>, rangeStart: Double, rangeEnd: Double) {
        self.domainStart = domain.lowerBound
        self.domainEnd = domain.upperBound
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// The output position of `value` (not clamped; non-finite in, non-finite out).
    public func callAsFunction(_ value: Double) -> Double {
        let width = domainEnd - domainStart
        guard width != 0, width.isFinite else { return (rangeStart + rangeEnd) / 2 }
        return rangeStart + (value - domainStart) * (rangeEnd - rangeStart) / width
    }

    /// The data value at output position `position` (the inverse map).
    public func invert(_ position: Double) -> Double {
        let width = rangeEnd - rangeStart
        guard width != 0 else { return (domainStart + domainEnd) / 2 }
        return domainStart + (position - rangeStart) * (domainEnd - domainStart) / width
    }
}
