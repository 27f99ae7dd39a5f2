/// One axis of a chart: its scale kind, title and tick options.
public struct Axis: Sendable {
    /// What the axis measures.
    public enum Scale: Sendable {
        /// Numbers on a linear scale with nice ticks (Heckbert). `domain` fixes the range
        /// (otherwise it is the data's, widened to whole tick steps); `includesZero`
        /// extends it to 0 (always done for the value axis of bars and stacked areas).
        case numeric(domain: ClosedRange<Double>?, includesZero: Bool, format: NumberFormat)
        /// Days since 1970-01-01 with calendar ticks (weeks, months, quarters, years).
        case date(domain: ClosedRange<Int>?, format: DateFormat, interval: DateTickInterval?, weekAnchor: Int?)
        /// Named categories in bands; an empty list takes the bars' categories in
        /// first-seen order.
        case categorical([String])
    }

    /// The scale.
    public var scale: Scale
    /// Axis title (with units), or `nil`.
    public var title: String?
    /// Grid lines at the ticks; `nil` means automatic (on for the value axis).
    public var showsGrid: Bool?
    /// Target number of numeric ticks; `nil` derives it from the axis length.
    public var tickCount: Int?

    /// An axis from its parts.
    public init(scale: Scale, title: String? = nil, showsGrid: Bool? = nil, tickCount: Int? = nil) {
        self.scale = scale
        self.title = title
        self.showsGrid = showsGrid
        self.tickCount = tickCount
    }

    /// A numeric axis.
    public static func numeric(
        _ title: String? = nil, domain: ClosedRange<Double>? = nil, includesZero: Bool = false,
        format: NumberFormat = .plain, showsGrid: Bool? = nil, tickCount: Int? = nil
    ) -> Axis {
        Axis(
            scale: .numeric(domain: domain, includesZero: includesZero, format: format),
            title: title, showsGrid: showsGrid, tickCount: tickCount)
    }

    /// A date axis (values are days since 1970-01-01).
    public static func date(
        _ title: String? = nil, domain: ClosedRange<Int>? = nil, format: DateFormat = .iso,
        interval: DateTickInterval? = nil, weekAnchor: Int? = nil, showsGrid: Bool? = nil
    ) -> Axis {
        Axis(
            scale: .date(domain: domain, format: format, interval: interval, weekAnchor: weekAnchor),
            title: title, showsGrid: showsGrid)
    }

    /// A categorical axis.
    public static func categorical(_ title: String? = nil, categories: [String] = []) -> Axis {
        Axis(scale: .categorical(categories), title: title)
    }

    /// `true` for a categorical axis.
    var isCategorical: Bool {
        if case .categorical = scale { return true }
        return false
    }
}
