/// Maps numbers to colours: a continuous ramp or a set of threshold bins.
public struct ColorScale: Sendable {
    /// How the scale maps values.
    public enum Kind: Sendable {
        /// Piecewise-linear interpolation in OKLab through `colors` spread evenly over
        /// `domain` (values outside are clamped to the end colours).
        case continuous(domain: ClosedRange<Double>, colors: [Color])
        /// Bins: values below `bounds[0]` get `colors[0]`, values in
        /// `bounds[i-1] ..< bounds[i]` get `colors[i]`, values ≥ the last bound the last
        /// colour. `colors.count` must be `bounds.count + 1`. `labels`, when given
        /// (one per colour), name the bins in the legend.
        case thresholds(bounds: [Double], colors: [Color], labels: [String]?)
    }

    /// The mapping.
    public var kind: Kind

    /// A scale from its kind.
    public init(kind: Kind) {
        self.kind = kind
    }

    /// A continuous ramp over `domain` (default: Tol's YlOrBr).
    public static func sequential(
        domain: ClosedRange<Double>, colors: [Color] = Palette.sequentialYellowOrangeBrown
    ) -> ColorScale {
        ColorScale(kind: .continuous(domain: domain, colors: colors))
    }

    /// A diverging ramp centred on `center` (default: Tol's BuRd), symmetric so that
    /// equal distances from the centre get equally strong colours.
    public static func diverging(
        center: Double = 0, radius: Double, colors: [Color] = Palette.divergingBlueRed
    ) -> ColorScale {
        let r = radius.isFinite && radius > 0 ? radius : 1
        return ColorScale(kind: .continuous(domain: (center - r)...(center + r), colors: colors))
    }

    /// A binned scale; see ``Kind/thresholds(bounds:colors:labels:)``.
    public static func thresholds(
        _ bounds: [Double], colors: [Color], labels: [String]? = nil
    ) -> ColorScale {
        precondition(colors.count == bounds.count + 1, "thresholds need bounds.count + 1 colours")
        return ColorScale(kind: .thresholds(bounds: bounds, colors: colors, labels: labels))
    }

    /// The colour of `value`, or `nil` when the value is NaN or infinite (drawn as missing).
    public func color(for value: Double) -> Color? {
        guard value.isFinite else { return nil }
        switch kind {
        case let .continuous(domain, colors):
            guard let first = colors.first else { return nil }
            guard colors.count > 1 else { return first }
            let width = domain.upperBound - domain.lowerBound
            let t = width > 0 ? (value - domain.lowerBound) / width : 0.5
            let position = min(max(t, 0), 1) * Double(colors.count - 1)
            let i = min(Int(position), colors.count - 2)
            return colors[i].mixed(with: colors[i + 1], fraction: position - Double(i))
        case let .thresholds(bounds, colors, _):
            var index = 0
            while index < bounds.count, value >= bounds[index] { index += 1 }
            return index < colors.count ? colors[index] : colors.last
        }
    }
}
