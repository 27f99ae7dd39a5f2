/// A single chart: one plot with an x and a y axis, any number of marks, a legend, titles
/// and accessibility text, rendered to a standalone or inline SVG string.
///
/// ```swift
/// let chart = Chart(
///     title: "Progress",
///     xAxis: .date("Week", format: .months(["Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
///                                           "Jul", "Agu", "Sep", "Okt", "Nov", "Des"])),
///     yAxis: .numeric("Count", includesZero: true),
///     marks: [
///         .band(BandMark("P10–P90", points: band)),
///         .line(LineMark("P50", points: median)),
///         .rule(.day(today, label: "Today")),
///     ])
/// let svg = chart.svg()
/// ```
///
/// Layout: title and subtitle on top, then the legend (when placed on top), the plot with
/// margins sized from the estimated widths of tick labels, the x-axis title and the legend
/// (when placed at the bottom). Marks are clipped to the plot; rule labels and direct
/// labels are not.
public struct Chart: Sendable {
    /// The chart title (also the SVG `<title>`).
    public var title: String?
    /// A second line under the title.
    public var subtitle: String?
    /// The SVG `<desc>` read by screen readers; `nil` generates one from the axes and series.
    public var summary: String?
    /// Width in pixels.
    public var width: Double
    /// Height in pixels.
    public var height: Double
    /// The horizontal axis.
    public var xAxis: Axis
    /// The vertical axis.
    public var yAxis: Axis
    /// The marks, drawn in order.
    public var marks: [Mark]
    /// Legend position.
    public var legend: LegendPlacement
    /// Look.
    public var theme: Theme

    /// A chart.
    public init(
        title: String? = nil, subtitle: String? = nil, summary: String? = nil,
        width: Double = 720, height: Double = 400, xAxis: Axis, yAxis: Axis, marks: [Mark],
        legend: LegendPlacement = .top, theme: Theme = .standard
    ) {
        self.title = title
        self.subtitle = subtitle
        self.summary = summary
        self.width = width
        self.height = height
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.marks = marks
        self.legend = legend
        self.theme = theme
    }

    /// The chart as SVG 1.1 text.
    ///
    /// Deterministic: the same chart always gives the same bytes (coordinates with at most
    /// two decimals, no locale, no dates or random ids). Every caller string is XML-escaped.
    public func svg(_ options: SVGOptions = SVGOptions()) -> String {
        let theme = self.theme
        let W = width.isFinite ? max(width, 160) : 720
        let H = height.isFinite ? max(height, 120) : 400
        let pad = theme.padding
        var book = StyleBook(theme: theme)
        let marks = book.resolve(self.marks)
        var entries: [LegendEntry] = []
        if legend != .hidden { LegendEntry.collect(marks, into: &entries) }
        let extents = MarkExtents(marks, xCategorical: xAxis.isCategorical, yCategorical: yAxis.isCategorical)

        // Vertical layout.
        var top = pad
        var titleBaseline: Double?
        var subtitleBaseline: Double?
        if let title, !title.isEmpty {
            titleBaseline = top + theme.titleFontSize
            top += theme.titleFontSize * 1.35
        }
        if let subtitle, !subtitle.isEmpty {
            subtitleBaseline = top + theme.fontSize
            top += theme.fontSize * 1.5
        }
        if titleBaseline != nil || subtitleBaseline != nil { top += 6 }
        let flowRows = (legend == .top || legend == .bottom)
            ? Legend.flow(entries, maxWidth: W - 2 * pad, theme: theme) : []
        let flowHeight = Legend.flowHeight(rows: flowRows.count, theme: theme)
        let legendTop = top
        if legend == .top, flowHeight > 0 { top += flowHeight + 6 }
        // Room above the plot for the topmost y tick label.
        top += theme.tickFontSize / 2

        let rightLegendWidth = legend == .right && !entries.isEmpty
            ? Legend.columnWidth(entries, theme: theme) + 16 : 0
        let directWidth = PlotPainter.directLabelWidth(marks, theme: theme)
        let valueLabelWidth = horizontalValueLabelWidth(marks, theme: theme)

        var rotated = false
        var extraLeft = 0.0
        var layout = ChartLayout()
        for _ in 0..<4 {
            var bottom = H - pad
            if legend == .bottom, flowHeight > 0 { bottom -= flowHeight + 8 }
            if let t = xAxis.title, !t.isEmpty { bottom -= theme.fontSize + 8 }
            let provisionalLabels: [String] = rotated ? layout.x?.plan.tickLabels ?? [] : []
            bottom -= PlotPainter.xLabelBlockHeight(rotated: rotated, labels: provisionalLabels, theme: theme)
            let plotTop = top, plotBottom = max(bottom, top + 20)

            let yPlan = AxisPlan.make(
                yAxis, extent: extents.y, categories: extents.yCategories, needsZero: extents.yNeedsZero,
                length: plotBottom - plotTop, vertical: true, theme: theme)
            let yLabelWidth = yPlan.tickLabels.map { TextMetrics.width($0, fontSize: theme.tickFontSize) }.max() ?? 0
            var left = pad + yLabelWidth + 9 + extraLeft
            if let t = yAxis.title, !t.isEmpty { left += theme.fontSize + 8 }
            var right = W - pad - rightLegendWidth - max(directWidth, valueLabelWidth)
            var xPlan = AxisPlan.make(
                xAxis, extent: extents.x, categories: extents.xCategories, needsZero: extents.xNeedsZero,
                length: max(right - left, 20), vertical: false, theme: theme)
            // Keep the first and last x labels inside the picture.
            if !xAxis.isCategorical {
                let placed = PlacedAxis(xPlan, from: left, to: max(right, left + 20))
                var changed = false
                if let first = placed.ticks.first {
                    let overhang = pad - (first.pixel - TextMetrics.width(first.label, fontSize: theme.tickFontSize) / 2)
                    if overhang > 0 {
                        left += overhang
                        changed = true
                    }
                }
                if let last = placed.ticks.last, directWidth == 0, rightLegendWidth == 0 {
                    let overhang = last.pixel + TextMetrics.width(last.label, fontSize: theme.tickFontSize) / 2 - (W - pad / 2)
                    if overhang > 0 {
                        right -= overhang
                        changed = true
                    }
                }
                if changed {
                    xPlan = AxisPlan.make(
                        xAxis, extent: extents.x, categories: extents.xCategories, needsZero: extents.xNeedsZero,
                        length: max(right - left, 20), vertical: false, theme: theme)
                }
            }
            right = max(right, left + 20)
            let frame = Rect(x: left, y: plotTop, width: right - left, height: plotBottom - plotTop)
            let xPlaced = PlacedAxis(xPlan, from: frame.x, to: frame.maxX)
            let yPlaced = yAxis.isCategorical
                ? PlacedAxis(yPlan, from: frame.y, to: frame.maxY)
                : PlacedAxis(yPlan, from: frame.maxY, to: frame.y)
            layout = ChartLayout(frame: frame, x: xPlaced, y: yPlaced, rotated: rotated)
            let needs = PlotPainter.needsRotation(xPlaced, theme: theme)
            if needs != rotated {
                rotated = needs
                continue
            }
            // Rotated labels reach left of their band: keep the first one inside the picture.
            if rotated, extraLeft == 0, let first = xPlaced.ticks.first {
                let reach = TextMetrics.width(first.label, fontSize: theme.tickFontSize) * Rotation.cosine
                let overhang = pad - (first.pixel - reach)
                if overhang > 0.5 {
                    extraLeft = overhang
                    continue
                }
            }
            break
        }
        guard let frame = layout.frame, let xPlaced = layout.x, let yPlaced = layout.y else { return "" }

        // Body.
        var document = DocumentBuilder(options: options)
        var w = SVGWriter.body()
        if let titleBaseline, let title {
            w.label(title, x: pad, y: titleBaseline, size: theme.titleFontSize, color: theme.textColor, bold: true)
        }
        if let subtitleBaseline, let subtitle {
            w.label(subtitle, x: pad, y: subtitleBaseline, color: theme.secondaryTextColor)
        }
        if legend == .top {
            Legend.drawFlow(entries, rows: flowRows, x: pad, y: legendTop, theme: theme, document: &document, into: &w)
        }
        let painter = PlotPainter(frame: frame, x: xPlaced, y: yPlaced, theme: theme)
        let grid = PlotPainter.gridDefaults(xAxis: xAxis, yAxis: yAxis)
        painter.drawGrid(showX: grid.x, showY: grid.y, into: &w)
        let clip = document.clipID(Rect(x: frame.x - 6, y: frame.y - 6, width: frame.width + 12, height: frame.height + 12))
        w.open("g", [("clip-path", "url(#" + clip + ")")])
        painter.drawZeroLines(into: &w)
        painter.drawMarks(marks, document: &document, into: &w)
        w.close("g")
        painter.drawXAxis(showLabels: true, rotated: layout.rotated, into: &w)
        painter.drawYAxis(showLabels: true, into: &w)
        painter.drawBarValues(marks, into: &w)
        painter.drawRuleLabels(marks, into: &w)
        painter.drawDirectLabels(marks, into: &w)

        // Axis titles.
        if let t = xAxis.title, !t.isEmpty {
            let block = PlotPainter.xLabelBlockHeight(
                rotated: layout.rotated, labels: xPlaced.plan.tickLabels, theme: theme)
            w.label(t, x: frame.x + frame.width / 2, y: frame.maxY + block + theme.fontSize + 4,
                    color: theme.textColor, anchor: "middle")
        }
        if let t = yAxis.title, !t.isEmpty {
            let tx = pad + theme.fontSize
            let ty = frame.y + frame.height / 2
            w.label(t, x: tx, y: ty, color: theme.textColor, anchor: "middle",
                    extra: [("transform", "rotate(-90 " + num(tx) + " " + num(ty) + ")")])
        }
        switch legend {
        case .bottom:
            Legend.drawFlow(entries, rows: flowRows, x: pad, y: H - pad - flowHeight, theme: theme,
                            document: &document, into: &w)
        case .right:
            Legend.drawColumn(entries, x: W - pad - rightLegendWidth + 16, y: frame.y, theme: theme,
                              document: &document, into: &w)
        case .top, .hidden:
            break
        }

        let description = summary ?? Describe.chart(
            title: title, x: xAxis, y: yAxis, xPlaced: xPlaced, yPlaced: yPlaced, entries: entries, marks: marks)
        return document.assemble(
            width: W, height: H, title: title ?? subtitle ?? "Chart", description: description, theme: theme,
            options: options, body: w.text)
    }

    private func horizontalValueLabelWidth(_ marks: [Mark], theme: Theme) -> Double {
        guard yAxis.isCategorical else { return 0 }
        var widest = 0.0
        for mark in marks {
            guard case let .bars(m) = mark, m.showsValues else { continue }
            for bar in m.bars where bar.value.isFinite {
                widest = max(widest, TextMetrics.width(
                    m.valueFormat(bar.value, fractionDigits: m.valueFractionDigits), fontSize: theme.tickFontSize) + 6)
            }
        }
        return widest
    }
}

/// The outcome of the chart layout passes.
struct ChartLayout {
    var frame: Rect?
    var x: PlacedAxis?
    var y: PlacedAxis?
    var rotated = false
}

/// Generated accessibility descriptions.
enum Describe {
    static func axis(_ name: String, _ axis: Axis, _ placed: PlacedAxis) -> String {
        var s = name + " axis"
        if let t = axis.title, !t.isEmpty { s += " (" + t + ")" }
        if placed.isBand {
            let c = placed.ticks.map(\.label)
            s += ": " + String(c.count) + " categories"
            if !c.isEmpty { s += ", " + c.joined(separator: ", ") }
        } else if let first = placed.ticks.first, let last = placed.ticks.last {
            s += ": " + first.label + " to " + last.label
        }
        return s + "."
    }

    static func chart(
        title: String?, x: Axis, y: Axis, xPlaced: PlacedAxis, yPlaced: PlacedAxis, entries: [LegendEntry],
        marks: [Mark]
    ) -> String {
        var parts: [String] = []
        if let title, !title.isEmpty { parts.append(title + ".") }
        parts.append(axis("Horizontal", x, xPlaced))
        parts.append(axis("Vertical", y, yPlaced))
        if !entries.isEmpty {
            parts.append("Series: " + entries.map(\.label).joined(separator: ", ") + ".")
        }
        let rules = marks.compactMap { mark -> String? in
            if case let .rule(r) = mark { return r.label }
            return nil
        }
        if !rules.isEmpty { parts.append("Reference lines: " + rules.joined(separator: ", ") + ".") }
        return parts.joined(separator: " ")
    }
}
