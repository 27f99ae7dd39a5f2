/// Maps categories to equal-width bands along a pixel range, with inner and outer padding.
///
/// Geometry as in d3-scale's `scaleBand` (M. Bostock, <https://d3js.org/d3-scale/band>):
/// `step = (r₁ − r₀) / max(1, n − paddingInner + 2·paddingOuter)`,
/// `bandwidth = step·(1 − paddingInner)`, bands centred in the range.
public struct BandScale: Sendable, Equatable {
    /// The categories in display order (duplicates keep their first position).
    public let categories: [String]
    /// Start of the pixel range.
    public let rangeStart: Double
    /// End of the pixel range.
    public let rangeEnd: Double
    /// Fraction of a step left empty between bands, 0…1.
    public let paddingInner: Double
    /// Fraction of a step left empty before the first and after the last band.
    public let paddingOuter: Double
    /// Distance between the starts of neighbouring bands (pixels).
    public let step: Double
    /// Width of each band (pixels).
    public let bandwidth: Double

    private let index: [String: Int]
    private let offset: Double

    /// A band scale for `categories` over `rangeStart … rangeEnd`.
    public init(
        categories: [String], rangeStart: Double, rangeEnd: Double,
        paddingInner: Double = 0.2, paddingOuter: Double = 0.1
    ) {
        var unique: [String] = []
        var index: [String: Int] = [:]
        for c in categories where index[c] == nil {
            index[c] = unique.count
            unique.append(c)
        }
        self.categories = unique
        self.index = index
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
        let inner = min(max(paddingInner, 0), 1)
        let outer = max(paddingOuter, 0)
        self.paddingInner = inner
        self.paddingOuter = outer
        let n = Double(unique.count)
        let extent = rangeEnd - rangeStart
        let step = extent / max(1, n - inner + 2 * outer)
        self.step = step
        self.bandwidth = step * (1 - inner)
        self.offset = rangeStart + (extent - step * (n - inner)) / 2
    }

    /// The start and width of `category`'s band, or `nil` for an unknown category.
    public func band(for category: String) -> (start: Double, width: Double)? {
        guard let i = index[category] else { return nil }
        return (offset + Double(i) * step, bandwidth)
    }

    /// The centre of `category`'s band, or `nil` for an unknown category.
    public func center(of category: String) -> Double? {
        band(for: category).map { $0.start + $0.width / 2 }
    }

    /// Equality of the categories, range and padding.
    public static func == (a: BandScale, b: BandScale) -> Bool {
        a.categories == b.categories && a.rangeStart == b.rangeStart && a.rangeEnd == b.rangeEnd
            && a.paddingInner == b.paddingInner && a.paddingOuter == b.paddingOuter
    }
}
