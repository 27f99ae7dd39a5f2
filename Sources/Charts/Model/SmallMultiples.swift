/// A grid of small charts that share one x and one y scale, each panel with its own title
/// (e.g. one S-curve per group), with one legend for all panels.
///
/// The shared domains are the union of every panel's data, so panels compare directly.
/// Y tick labels are written on the left column only and x tick labels under the lowest
/// panel of each column; grid lines appear in every panel.
///
/// ```swift
/// let grid = SmallMultiples(
///     title: "Progress by group",
///     panels: groups.map { SmallMultiples.Panel(title: $0.name, marks: [.line(LineMark("Observed", points: $0.points))]) },
///     columns: 3, xAxis: .numeric("Week"), yAxis: .numeric("Share", domain: 0...1))
/// let svg = grid.svg()
/// ```
public struct SmallMultiples: Sendable {
    /// One panel: a title and its marks.
    public struct Panel: Sendable {
        /// Panel title.
        public var title: String
        /// The panel's marks (series with the same label look the same in every panel).
        public var marks: [Mark]

        /// A panel.
        public init(title: String, marks: [Mark]) {
            self.title = title
            self.marks = marks
        }
    }

    /// Overall title (also the SVG `<title>`).
    public var title: String?
    /// A second line under the title.
    public var subtitle: String?
    /// The SVG `<desc>`; `nil` generates one.
    public var summary: String?
    /// The panels, filled row by row.
    public var panels: [Panel]
    /// Panels per row (at least 1).
    public var columns: Int
    /// Total width in pixels (the height follows from the panel count).
    public var width: Double
    /// Height of each panel's plot area in pixels.
    public var panelHeight: Double
    /// The shared x axis.
    public var xAxis: Axis
    /// The shared y axis.
    public var yAxis: Axis
    /// Legend position (`.right` is treated as `.top`).
    public var legend: LegendPlacement
    /// Look.
    public var theme: Theme

    /// Small multiples.
    public init(
        title: String? = nil, subtitle: String? = nil, summary: String? = nil, panels: [Panel],
        columns: Int = 3, width: Double = 720, panelHeight: Double = 130, xAxis: Axis, yAxis: Axis,
        legend: LegendPlacement = .top, theme: Theme = .standard
    ) {
        self.title = title
        self.subtitle = subtitle
        self.summary = summary
        self.panels = panels
        self.columns = columns
        self.width = width
        self.panelHeight = panelHeight
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.legend = legend
        self.theme = theme
    }

    /// The grid as SVG 1.1 text (deterministic; caller text escaped).
    public func svg(_ options: SVGOptions = SVGOptions()) -> String {
        let theme = self.theme
        let pad = theme.padding
        let W = width.isFinite ? max(width, 200) : 720
        let plotHeight = panelHeight.isFinite ? max(panelHeight, 40) : 130
        let columns = max(1, min(self.columns, max(panels.count, 1)))
        let rows = max(1, (panels.count + columns - 1) / columns)
        let legendPlacement: LegendPlacement = legend == .right ? .top : legend

        var book = StyleBook(theme: theme)
        let resolved = panels.map { book.resolve($0.marks) }
        var entries: [LegendEntry] = []
        if legendPlacement != .hidden {
            for marks in resolved { LegendEntry.collect(marks, into: &entries) }
        }
        var extents = MarkExtents()
        for marks in resolved {
            extents.add(marks, xCategorical: xAxis.isCategorical, yCategorical: yAxis.isCategorical)
        }

        var top = pad
        var titleBaseline: Double?, subtitleBaseline: Double?
        if let title, !title.isEmpty {
            titleBaseline = top + theme.titleFontSize
            top += theme.titleFontSize * 1.35
        }
        if let subtitle, !subtitle.isEmpty {
            subtitleBaseline = top + theme.fontSize
            top += theme.fontSize * 1.5
        }
        if titleBaseline != nil || subtitleBaseline != nil { top += 6 }
        let flowRows = legendPlacement == .hidden ? [] : Legend.flow(entries, maxWidth: W - 2 * pad, theme: theme)
        let flowHeight = Legend.flowHeight(rows: flowRows.count, theme: theme)
        let legendTop = top
        if legendPlacement == .top, flowHeight > 0 { top += flowHeight + 6 }

        let yPlan = AxisPlan.make(
            yAxis, extent: extents.y, categories: extents.yCategories, needsZero: extents.yNeedsZero,
            length: plotHeight, vertical: true, theme: theme)
        let yLabelWidth = yPlan.tickLabels.map { TextMetrics.width($0, fontSize: theme.tickFontSize) }.max() ?? 0
        var left = pad + yLabelWidth + 9
        if let t = yAxis.title, !t.isEmpty { left += theme.fontSize + 8 }
        // Neighbouring panels' edge labels must not touch: the gap holds half a label of
        // each side plus some air (estimated from a first plan, then re-planned).
        func planX(gap: Double) -> (AxisPlan, Double) {
            let width = max((W - left - pad - Double(columns - 1) * gap) / Double(columns), 30)
            return (AxisPlan.make(
                xAxis, extent: extents.x, categories: extents.xCategories, needsZero: extents.xNeedsZero,
                length: width, vertical: false, theme: theme), width)
        }
        var hGap = 18.0
        var (xPlan, panelWidth) = planX(gap: hGap)
        let widestX = xPlan.tickLabels.map { TextMetrics.width($0, fontSize: theme.tickFontSize) }.max() ?? 0
        if !xAxis.isCategorical, widestX + 10 > hGap {
            hGap = widestX + 10
            (xPlan, panelWidth) = planX(gap: hGap)
        }
        let labelBlock = PlotPainter.xLabelBlockHeight(rotated: false, labels: [], theme: theme)
        let panelTitleHeight = theme.fontSize + 8
        let vGap = 10.0

        // A panel gets x labels when no panel sits below it.
        func hasBelow(_ index: Int) -> Bool { index + columns < panels.count }
        var rowTops: [Double] = []
        var y = top
        for r in 0..<rows {
            rowTops.append(y)
            let indices = (r * columns)..<min((r + 1) * columns, panels.count)
            let labelled = indices.contains { !hasBelow($0) }
            y += panelTitleHeight + plotHeight + (labelled ? labelBlock : 0) + vGap
        }
        var bottom = y - vGap
        let xTitleBaseline = bottom + theme.fontSize + 6
        if let t = xAxis.title, !t.isEmpty { bottom = xTitleBaseline + 4 }
        let legendBottomTop = bottom + 6
        if legendPlacement == .bottom, flowHeight > 0 { bottom = legendBottomTop + flowHeight }
        let H = bottom + pad

        var document = DocumentBuilder(options: options)
        var w = SVGWriter.body()
        if let titleBaseline, let title {
            w.label(title, x: pad, y: titleBaseline, size: theme.titleFontSize, color: theme.textColor, bold: true)
        }
        if let subtitleBaseline, let subtitle {
            w.label(subtitle, x: pad, y: subtitleBaseline, color: theme.secondaryTextColor)
        }
        if legendPlacement == .top {
            Legend.drawFlow(entries, rows: flowRows, x: pad, y: legendTop, theme: theme, document: &document, into: &w)
        }
        let grid = PlotPainter.gridDefaults(xAxis: xAxis, yAxis: yAxis)
        var firstFrame: Rect?
        for (index, panel) in panels.enumerated() {
            let r = index / columns, c = index % columns
            let px = left + Double(c) * (panelWidth + hGap)
            let frame = Rect(x: px, y: rowTops[r] + panelTitleHeight, width: panelWidth, height: plotHeight)
            if firstFrame == nil { firstFrame = frame }
            let xPlaced = PlacedAxis(xPlan, from: frame.x, to: frame.maxX)
            let yPlaced = yAxis.isCategorical
                ? PlacedAxis(yPlan, from: frame.y, to: frame.maxY)
                : PlacedAxis(yPlan, from: frame.maxY, to: frame.y)
            let painter = PlotPainter(frame: frame, x: xPlaced, y: yPlaced, theme: theme)
            w.open("g", [("aria-label", panel.title)])
            w.label(panel.title, x: frame.x, y: rowTops[r] + theme.fontSize, color: theme.textColor, bold: true)
            painter.drawGrid(showX: grid.x, showY: grid.y, into: &w)
            let clip = document.clipID(Rect(x: frame.x - 4, y: frame.y - 4, width: frame.width + 8, height: frame.height + 8))
            w.open("g", [("clip-path", "url(#" + clip + ")")])
            painter.drawZeroLines(into: &w)
            painter.drawMarks(resolved[index], document: &document, into: &w)
            w.close("g")
            painter.drawXAxis(showLabels: !hasBelow(index), rotated: false, into: &w)
            painter.drawYAxis(showLabels: c == 0, into: &w)
            painter.drawBarValues(resolved[index], into: &w)
            painter.drawRuleLabels(resolved[index], into: &w)
            w.close("g")
        }
        if let t = xAxis.title, !t.isEmpty {
            let gridRight = left + Double(columns) * panelWidth + Double(columns - 1) * hGap
            w.label(t, x: (left + gridRight) / 2, y: xTitleBaseline, color: theme.textColor, anchor: "middle")
        }
        if let t = yAxis.title, !t.isEmpty, let first = firstFrame {
            let tx = pad + theme.fontSize
            let lastRowBottom = (rowTops.last ?? first.y) + panelTitleHeight + plotHeight
            let ty = (first.y + lastRowBottom) / 2
            w.label(t, x: tx, y: ty, color: theme.textColor, anchor: "middle",
                    extra: [("transform", "rotate(-90 " + num(tx) + " " + num(ty) + ")")])
        }
        if legendPlacement == .bottom {
            Legend.drawFlow(entries, rows: flowRows, x: pad, y: legendBottomTop, theme: theme,
                            document: &document, into: &w)
        }

        let description: String
        if let summary {
            description = summary
        } else {
            var parts: [String] = []
            if let title, !title.isEmpty { parts.append(title + ".") }
            parts.append(String(panels.count) + " panels sharing the same scales: "
                + panels.map(\.title).joined(separator: ", ") + ".")
            parts.append(Describe.axis("Horizontal", xAxis, PlacedAxis(xPlan, from: 0, to: 1)))
            parts.append(Describe.axis("Vertical", yAxis, PlacedAxis(yPlan, from: 1, to: 0)))
            if !entries.isEmpty { parts.append("Series: " + entries.map(\.label).joined(separator: ", ") + ".") }
            description = parts.joined(separator: " ")
        }
        return document.assemble(
            width: W, height: H, title: title ?? subtitle ?? "Small multiples", description: description,
            theme: theme, options: options, body: w.text)
    }
}
