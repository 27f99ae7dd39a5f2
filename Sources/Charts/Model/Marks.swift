/// A point in data coordinates. On a date axis `x` is days since 1970-01-01.
/// NaN or infinite coordinates are skipped when drawing (lines break there).
public struct DataPoint: Hashable, Sendable {
    /// Horizontal data value.
    public var x: Double
    /// Vertical data value.
    public var y: Double

    /// A point from two data values.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// A point on a date axis: `day` is days since 1970-01-01.
    public init(day: Int, y: Double) {
        self.init(x: Double(day), y: y)
    }
}

/// A line series: points joined in the given order, broken at non-finite values.
public struct LineMark: Sendable {
    /// Series name shown in the legend (and as a direct label).
    public var label: String
    /// The points, in drawing order.
    public var points: [DataPoint]
    /// Stroke style.
    public var style: LineStyle
    /// Straight segments or steps.
    public var interpolation: Interpolation
    /// Writes `label` at the right end of the line too (colour is never the only cue).
    public var directLabel: Bool

    /// A line series.
    public init(
        _ label: String, points: [DataPoint], style: LineStyle = LineStyle(),
        interpolation: Interpolation = .linear, directLabel: Bool = false
    ) {
        self.label = label
        self.points = points
        self.style = style
        self.interpolation = interpolation
        self.directLabel = directLabel
    }
}

/// One layer of a stacked area.
public struct AreaLayer: Sendable {
    /// Layer name shown in the legend.
    public var label: String
    /// One value per x of the mark (missing trailing values count as non-finite).
    public var values: [Double]
    /// Fill colour; `nil` picks the next palette colour.
    public var color: Color?
    /// Texture drawn over the fill.
    public var pattern: FillPattern

    /// A layer.
    public init(_ label: String, values: [Double], color: Color? = nil, pattern: FillPattern = .solid) {
        self.label = label
        self.values = values
        self.color = color
        self.pattern = pattern
    }
}

/// Layers stacked on top of each other (the first layer at the bottom).
///
/// A column (an x) where any layer's value is NaN or infinite is left out, and the areas
/// break there. Values should be non-negative.
public struct StackedAreaMark: Sendable {
    /// The shared x values (days since 1970-01-01 on a date axis), ascending.
    public var x: [Double]
    /// The layers, bottom first.
    public var layers: [AreaLayer]
    /// Divides each column by its total so the stack shows shares (0…1); columns whose
    /// total is 0 are left out.
    public var normalized: Bool
    /// Fill opacity, 0…1.
    public var opacity: Double

    /// A stacked area.
    public init(x: [Double], layers: [AreaLayer], normalized: Bool = false, opacity: Double = 0.9) {
        self.x = x
        self.layers = layers
        self.normalized = normalized
        self.opacity = opacity
    }
}

/// One x with a lower and an upper value, e.g. a P10–P90 interval or a confidence band.
public struct BandPoint: Hashable, Sendable {
    /// Horizontal data value.
    public var x: Double
    /// Lower edge.
    public var lower: Double
    /// Upper edge.
    public var upper: Double

    /// A band point.
    public init(x: Double, lower: Double, upper: Double) {
        self.x = x
        self.lower = lower
        self.upper = upper
    }

    /// A band point on a date axis (`day` = days since 1970-01-01).
    public init(day: Int, lower: Double, upper: Double) {
        self.init(x: Double(day), lower: lower, upper: upper)
    }
}

/// A filled region between a lower and an upper line, broken at non-finite values.
public struct BandMark: Sendable {
    /// Legend text, or `nil` for no legend entry. A band labelled like a line shares the
    /// line's colour and legend entry.
    public var label: String?
    /// The band's points in x order.
    public var points: [BandPoint]
    /// Fill colour; `nil` takes the colour of a series with the same label, else the
    /// next palette colour.
    public var color: Color?
    /// Fill opacity, 0…1.
    public var opacity: Double
    /// Straight edges or steps (for survival-curve confidence bands).
    public var interpolation: Interpolation

    /// A band.
    public init(
        _ label: String? = nil, points: [BandPoint], color: Color? = nil, opacity: Double = 0.22,
        interpolation: Interpolation = .linear
    ) {
        self.label = label
        self.points = points
        self.color = color
        self.opacity = opacity
        self.interpolation = interpolation
    }
}

/// One bar: a category, its value and an optional interval drawn as a whisker.
public struct Bar: Sendable {
    /// The category on the categorical axis.
    public var category: String
    /// The bar's value (from 0); NaN or infinite values draw no bar.
    public var value: Double
    /// Lower end of the whisker, e.g. a 95 % confidence bound.
    public var lower: Double?
    /// Upper end of the whisker.
    public var upper: Double?
    /// Overrides the mark's colour for this bar.
    public var color: Color?

    /// A bar.
    public init(_ category: String, value: Double, lower: Double? = nil, upper: Double? = nil, color: Color? = nil) {
        self.category = category
        self.value = value
        self.lower = lower
        self.upper = upper
        self.color = color
    }
}

/// Bars on a categorical axis: vertical when the x axis is categorical, horizontal when
/// the y axis is. Several bar marks in one chart are grouped side by side in each band.
public struct BarMark: Sendable {
    /// How each value is drawn.
    public enum Style: Hashable, Sendable {
        /// A bar from 0 to the value.
        case bar
        /// A dot at the value (with the whisker, a "forest plot").
        case dot
    }

    /// Legend text, or `nil` for none (categories are labelled on the axis).
    public var label: String?
    /// The bars.
    public var bars: [Bar]
    /// Colour; `nil` picks the next palette colour.
    public var color: Color?
    /// Texture over the bar fill.
    public var pattern: FillPattern
    /// Bars or dots.
    public var style: Style
    /// Writes each value next to its bar.
    public var showsValues: Bool
    /// Format of the written values.
    public var valueFormat: NumberFormat
    /// Decimals passed to `valueFormat`.
    public var valueFractionDigits: Int

    /// A bar mark.
    public init(
        _ label: String? = nil, bars: [Bar], color: Color? = nil, pattern: FillPattern = .solid,
        style: Style = .bar, showsValues: Bool = false, valueFormat: NumberFormat = .plain,
        valueFractionDigits: Int = 0
    ) {
        self.label = label
        self.bars = bars
        self.color = color
        self.pattern = pattern
        self.style = style
        self.showsValues = showsValues
        self.valueFormat = valueFormat
        self.valueFractionDigits = valueFractionDigits
    }
}

/// Symbols at data points.
public struct PointMark: Sendable {
    /// Legend text, or `nil` for none. Points labelled like a line share its colour.
    public var label: String?
    /// The points; non-finite ones are skipped.
    public var points: [DataPoint]
    /// Colour; `nil` takes the colour of a series with the same label, else the next one.
    public var color: Color?
    /// Symbol.
    public var shape: PointShape
    /// Symbol size (diameter), pixels.
    public var size: Double

    /// A point mark.
    public init(
        _ label: String? = nil, points: [DataPoint], color: Color? = nil, shape: PointShape = .circle,
        size: Double = 6
    ) {
        self.label = label
        self.points = points
        self.color = color
        self.shape = shape
        self.size = size
    }
}

/// A reference line across the plot with an optional label, e.g. "today" or a target date.
public struct RuleMark: Sendable {
    /// Which axis the value is on.
    public enum Position: Hashable, Sendable {
        /// A vertical line at this x value (days since 1970-01-01 on a date axis).
        case x(Double)
        /// A horizontal line at this y value.
        case y(Double)
    }

    /// Where the line is.
    public var position: Position
    /// Text written next to the line.
    public var label: String?
    /// Line colour (default: the theme's secondary text colour).
    public var color: Color?
    /// Dash style.
    public var dash: DashStyle
    /// Stroke width, pixels.
    public var width: Double
    /// Widens the axis domain so the line is always visible.
    public var extendsDomain: Bool

    /// A rule.
    public init(
        _ position: Position, label: String? = nil, color: Color? = nil, dash: DashStyle = .dashed,
        width: Double = 1.5, extendsDomain: Bool = true
    ) {
        self.position = position
        self.label = label
        self.color = color
        self.dash = dash
        self.width = width
        self.extendsDomain = extendsDomain
    }

    /// A vertical rule at a day (days since 1970-01-01).
    public static func day(_ day: Int, label: String? = nil, color: Color? = nil, dash: DashStyle = .dashed) -> RuleMark {
        RuleMark(.x(Double(day)), label: label, color: color, dash: dash)
    }
}

/// A text annotation at a data position.
public struct TextMark: Sendable {
    /// Horizontal alignment of the text relative to its anchor point.
    public enum Anchor: Hashable, Sendable {
        /// Text starts at the point.
        case start
        /// Text is centred on the point.
        case middle
        /// Text ends at the point.
        case end

        var svgValue: String {
            switch self {
            case .start: return "start"
            case .middle: return "middle"
            case .end: return "end"
            }
        }
    }

    /// Anchor point in data coordinates.
    public var point: DataPoint
    /// The text.
    public var text: String
    /// Alignment.
    public var anchor: Anchor
    /// Pixel offset right of the anchor point.
    public var dx: Double
    /// Pixel offset below the anchor point.
    public var dy: Double
    /// Text colour (default: the theme's text colour).
    public var color: Color?
    /// Bold text.
    public var bold: Bool

    /// An annotation.
    public init(
        _ text: String, at point: DataPoint, anchor: Anchor = .start, dx: Double = 0, dy: Double = 0,
        color: Color? = nil, bold: Bool = false
    ) {
        self.text = text
        self.point = point
        self.anchor = anchor
        self.dx = dx
        self.dy = dy
        self.color = color
        self.bold = bold
    }
}

/// Anything drawn in a plot. Marks are drawn in order (later on top).
public enum Mark: Sendable {
    /// A line series.
    case line(LineMark)
    /// A stacked area.
    case stackedArea(StackedAreaMark)
    /// A filled band between two lines.
    case band(BandMark)
    /// Bars with optional whiskers.
    case bars(BarMark)
    /// Point symbols.
    case points(PointMark)
    /// A reference line.
    case rule(RuleMark)
    /// A text annotation.
    case text(TextMark)

    /// A step line (value held until the next point), e.g. a Kaplan–Meier curve.
    public static func step(
        _ label: String, points: [DataPoint], style: LineStyle = LineStyle(), directLabel: Bool = false
    ) -> Mark {
        .line(LineMark(label, points: points, style: style, interpolation: .stepAfter, directLabel: directLabel))
    }
}
