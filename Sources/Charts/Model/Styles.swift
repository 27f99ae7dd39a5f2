/// How a stroked line is dashed. Dash lengths are in pixels.
public enum DashStyle: Hashable, Sendable, CaseIterable {
    /// A continuous line.
    case solid
    /// Dashes of 6 px with 4 px gaps.
    case dashed
    /// Round dots every 4 px.
    case dotted
    /// Dash–dot: 8 px dash, gap, 1 px dot, gap.
    case dashDot
    /// Long dashes of 12 px with 5 px gaps.
    case longDash

    /// The SVG `stroke-dasharray` value, `nil` for solid lines.
    var dashArray: String? {
        switch self {
        case .solid: return nil
        case .dashed: return "6 4"
        case .dotted: return "0.5 4"
        case .dashDot: return "8 3 1 3"
        case .longDash: return "12 5"
        }
    }
}

/// A texture drawn over a fill so areas and bars are told apart without colour.
public enum FillPattern: Hashable, Sendable, CaseIterable {
    /// Plain colour.
    case solid
    /// Thin diagonal lines (45°).
    case diagonal
    /// Diagonal lines in both directions.
    case crossHatch
    /// A grid of small dots.
    case dots
    /// Horizontal lines.
    case horizontal

    /// Suffix of the `<pattern>` id.
    var idSuffix: String {
        switch self {
        case .solid: return "solid"
        case .diagonal: return "diagonal"
        case .crossHatch: return "crosshatch"
        case .dots: return "dots"
        case .horizontal: return "horizontal"
        }
    }
}

/// The symbol drawn for a point.
public enum PointShape: Hashable, Sendable, CaseIterable {
    /// A filled circle.
    case circle
    /// A filled square.
    case square
    /// A filled upward triangle.
    case triangle
    /// A filled diamond.
    case diamond
    /// An × (stroked).
    case cross
    /// A + (stroked), e.g. censoring marks on a survival curve.
    case plus
    /// A short vertical tick (stroked).
    case tick
}

/// How consecutive points are joined.
public enum Interpolation: Hashable, Sendable {
    /// Straight segments.
    case linear
    /// Horizontal then vertical: the value holds until the next point (a step function
    /// continuous from the right, as a Kaplan–Meier estimate).
    case stepAfter
}

/// The stroke of a line series. `nil` fields are filled in from the theme's cycles.
public struct LineStyle: Hashable, Sendable {
    /// Stroke colour; `nil` picks the next palette colour (the same label always gets the
    /// same colour within one chart).
    public var color: Color?
    /// Dash pattern; `nil` picks the next entry of ``Theme/dashCycle``.
    public var dash: DashStyle?
    /// Stroke width in pixels.
    public var width: Double
    /// A symbol drawn at every point, or `nil` for none.
    public var marker: PointShape?

    /// A line style.
    public init(color: Color? = nil, dash: DashStyle? = nil, width: Double = 2, marker: PointShape? = nil) {
        self.color = color
        self.dash = dash
        self.width = width
        self.marker = marker
    }
}

/// Fonts, colours and spacing shared by every element of a chart.
public struct Theme: Sendable {
    /// CSS font-family stack (generic family last; no web fonts are referenced).
    public var fontFamily: String
    /// Body text size (legend, axis titles), pixels.
    public var fontSize: Double
    /// Tick label size, pixels.
    public var tickFontSize: Double
    /// Chart title size, pixels.
    public var titleFontSize: Double
    /// Main text colour.
    public var textColor: Color
    /// Secondary text colour (subtitle, tick labels).
    public var secondaryTextColor: Color
    /// Axis line and tick colour.
    public var axisColor: Color
    /// Grid line colour.
    public var gridColor: Color
    /// Background fill; `nil` for transparent.
    public var background: Color?
    /// Colours given in turn to series without an explicit colour.
    public var palette: [Color]
    /// Dash styles given in turn to line series without an explicit dash.
    public var dashCycle: [DashStyle]
    /// Outer padding, pixels.
    public var padding: Double

    /// A theme; defaults are the module's standard look.
    public init(
        fontFamily: String = "Helvetica, Arial, Liberation Sans, DejaVu Sans, sans-serif",
        fontSize: Double = 12, tickFontSize: Double = 11, titleFontSize: Double = 16,
        textColor: Color = Color(0x222222), secondaryTextColor: Color = Color(0x555555),
        axisColor: Color = Color(0x666666), gridColor: Color = Color(0xE3E3E3),
        background: Color? = .white, palette: [Color] = Palette.categorical,
        dashCycle: [DashStyle] = [.solid], padding: Double = 12
    ) {
        self.fontFamily = fontFamily
        self.fontSize = fontSize
        self.tickFontSize = tickFontSize
        self.titleFontSize = titleFontSize
        self.textColor = textColor
        self.secondaryTextColor = secondaryTextColor
        self.axisColor = axisColor
        self.gridColor = gridColor
        self.background = background
        self.palette = palette.isEmpty ? Palette.categorical : palette
        self.dashCycle = dashCycle.isEmpty ? [.solid] : dashCycle
        self.padding = padding
    }

    /// The standard theme.
    public static let standard = Theme()

    /// The standard theme with lines cycling solid, dashed, dotted, dash–dot and long
    /// dashes, so line series differ by more than colour.
    public static let varyingDashes = Theme(dashCycle: DashStyle.allCases)
}

/// Where the legend goes.
public enum LegendPlacement: Hashable, Sendable {
    /// Between the title and the plot, wrapping across the width.
    case top
    /// Below the x axis, wrapping across the width.
    case bottom
    /// A column right of the plot.
    case right
    /// No legend (use only when series are labelled directly).
    case hidden
}

/// How the SVG text is meant to be used.
public struct SVGOptions: Hashable, Sendable {
    /// Standalone file or inline fragment.
    public enum Embedding: Hashable, Sendable {
        /// A `.svg` file: XML prolog followed by the `<svg>` element.
        case standalone
        /// For pasting into HTML: the `<svg>` element only, no XML prolog.
        case inline
    }

    /// Standalone file (default) or inline fragment.
    public var embedding: Embedding
    /// Prefix of every `id` in the document (title, description, clip paths, patterns), so
    /// several charts can be inlined in one HTML page without clashes. Characters other than
    /// ASCII letters, digits, `-` and `_` are dropped; a leading non-letter gets a `c`.
    public var idPrefix: String

    /// Options for one document.
    public init(embedding: Embedding = .standalone, idPrefix: String = "chart") {
        self.embedding = embedding
        self.idPrefix = idPrefix
    }

    /// The sanitised prefix.
    var safePrefix: String {
        let allowed = idPrefix.unicodeScalars.filter {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || $0 == "-" || $0 == "_"
        }
        var s = String(String.UnicodeScalarView(allowed))
        if let first = s.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) {
            return s
        }
        s = "c" + s
        return s
    }
}
