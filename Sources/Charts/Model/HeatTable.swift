/// A table of values (rows × columns) whose cells are coloured by a colour scale and carry
/// the value as text, with row and column headers and a colour legend.
///
/// The text colour of each cell is black or white, whichever contrasts more with the fill
/// (WCAG 2 contrast ratio), and the value is always written, so colour is never the only
/// carrier. NaN/∞ cells are drawn as missing: light grey, hatched, with ``missingText``.
///
/// ```swift
/// let table = HeatTable(
///     title: "Share by region and class",
///     columns: ["A", "B", "C"],
///     rows: [HeatTable.Row("North", values: [0.5, 0.3, 0.2])],
///     colorScale: .sequential(domain: 0...1),
///     valueFormat: .percent(), fractionDigits: 2)
/// let svg = table.svg()
/// ```
public struct HeatTable: Sendable {
    /// One table row.
    public struct Row: Sendable {
        /// Row header.
        public var label: String
        /// One value per column (missing trailing values are drawn as missing).
        public var values: [Double]
        /// Optional texts replacing the formatted values (e.g. "12 (40%)"), one per column.
        public var cellTexts: [String]?

        /// A row.
        public init(_ label: String, values: [Double], cellTexts: [String]? = nil) {
            self.label = label
            self.values = values
            self.cellTexts = cellTexts
        }
    }

    /// Table title (also the SVG `<title>`).
    public var title: String?
    /// A second line under the title.
    public var subtitle: String?
    /// The SVG `<desc>`; `nil` generates one.
    public var summary: String?
    /// Text in the top-left header cell (what the rows are).
    public var cornerLabel: String?
    /// Column headers.
    public var columns: [String]
    /// The rows.
    public var rows: [Row]
    /// Colour of each value.
    public var colorScale: ColorScale
    /// Per-column scales overriding `colorScale` (indexed like `columns`; extra columns use
    /// `colorScale`).
    public var columnColorScales: [ColorScale]?
    /// Format of the written values.
    public var valueFormat: NumberFormat
    /// Decimals passed to `valueFormat`.
    public var fractionDigits: Int
    /// Text for missing (non-finite) cells.
    public var missingText: String
    /// Draws the colour legend under the table.
    public var showsLegend: Bool
    /// Title of the colour legend.
    public var legendTitle: String?
    /// Row height in pixels.
    public var cellHeight: Double
    /// Minimum column width in pixels.
    public var minimumCellWidth: Double
    /// Look.
    public var theme: Theme

    /// A heat table.
    public init(
        title: String? = nil, subtitle: String? = nil, summary: String? = nil, cornerLabel: String? = nil,
        columns: [String], rows: [Row], colorScale: ColorScale, columnColorScales: [ColorScale]? = nil,
        valueFormat: NumberFormat = .plain, fractionDigits: Int = 0, missingText: String = "–",
        showsLegend: Bool = true, legendTitle: String? = nil, cellHeight: Double = 26,
        minimumCellWidth: Double = 56, theme: Theme = .standard
    ) {
        self.title = title
        self.subtitle = subtitle
        self.summary = summary
        self.cornerLabel = cornerLabel
        self.columns = columns
        self.rows = rows
        self.colorScale = colorScale
        self.columnColorScales = columnColorScales
        self.valueFormat = valueFormat
        self.fractionDigits = fractionDigits
        self.missingText = missingText
        self.showsLegend = showsLegend
        self.legendTitle = legendTitle
        self.cellHeight = cellHeight
        self.minimumCellWidth = minimumCellWidth
        self.theme = theme
    }

    private func value(_ row: Row, _ column: Int) -> Double {
        column < row.values.count ? row.values[column] : .nan
    }

    private func text(_ row: Row, _ column: Int) -> String {
        if let texts = row.cellTexts, column < texts.count { return texts[column] }
        let v = value(row, column)
        return v.isFinite ? valueFormat(v, fractionDigits: fractionDigits) : missingText
    }

    private func scale(for column: Int) -> ColorScale {
        if let scales = columnColorScales, column < scales.count { return scales[column] }
        return colorScale
    }

    /// The table as SVG 1.1 text; its width and height follow from the content.
    public func svg(_ options: SVGOptions = SVGOptions()) -> String {
        let theme = self.theme
        let pad = theme.padding
        let cellPad = 8.0
        let rowHeight = cellHeight.isFinite ? max(cellHeight, theme.fontSize + 6) : 26
        let headerHeight = theme.fontSize + 14
        let missingFill = Color(0xF0F0F0)

        let rowHeaderWidth = ([cornerLabel ?? ""] + rows.map(\.label))
            .map { TextMetrics.width($0, fontSize: theme.fontSize, bold: true) }.max().map { $0 + 2 * cellPad } ?? 0
        var columnWidths: [Double] = []
        for (c, header) in columns.enumerated() {
            var widest = TextMetrics.width(header, fontSize: theme.fontSize, bold: true)
            for row in rows { widest = max(widest, TextMetrics.width(text(row, c), fontSize: theme.fontSize)) }
            columnWidths.append(max(widest + 2 * cellPad, minimumCellWidth))
        }
        let tableWidth = rowHeaderWidth + columnWidths.reduce(0, +)

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
        let tableTop = top
        let tableBottom = tableTop + headerHeight + Double(rows.count) * rowHeight
        let legendTop = tableBottom + 14
        let legendHeight = showsLegend ? legendBlockHeight(theme: theme) : 0
        let titleWidth = max(
            TextMetrics.width(title ?? "", fontSize: theme.titleFontSize, bold: true),
            TextMetrics.width(subtitle ?? "", fontSize: theme.fontSize))
        let W = max(tableWidth, titleWidth, showsLegend ? legendWidth(theme: theme) : 0) + 2 * pad
        let H = (showsLegend ? legendTop + legendHeight : tableBottom) + pad

        var document = DocumentBuilder(options: options)
        var w = SVGWriter.body()
        if let titleBaseline, let title {
            w.label(title, x: pad, y: titleBaseline, size: theme.titleFontSize, color: theme.textColor, bold: true)
        }
        if let subtitleBaseline, let subtitle {
            w.label(subtitle, x: pad, y: subtitleBaseline, color: theme.secondaryTextColor)
        }

        // Headers.
        let textOffset = theme.fontSize * 0.35
        let headerMid = tableTop + headerHeight / 2
        if let corner = cornerLabel {
            w.label(corner, x: pad + cellPad, y: headerMid + textOffset, color: theme.secondaryTextColor, bold: true)
        }
        var columnStarts: [Double] = []
        var cx = pad + rowHeaderWidth
        for (c, header) in columns.enumerated() {
            columnStarts.append(cx)
            w.label(header, x: cx + columnWidths[c] / 2, y: headerMid + textOffset, color: theme.textColor,
                    anchor: "middle", bold: true)
            cx += columnWidths[c]
        }
        w.line(pad, tableTop + headerHeight - 0.5, pad + tableWidth, tableTop + headerHeight - 0.5,
               color: theme.axisColor, width: 1)

        // Cells.
        for (r, row) in rows.enumerated() {
            let y0 = tableTop + headerHeight + Double(r) * rowHeight
            w.open("g", [("aria-label", row.label)])
            w.label(row.label, x: pad + cellPad, y: y0 + rowHeight / 2 + textOffset, color: theme.textColor, bold: true)
            for c in columns.indices {
                let v = value(row, c)
                let fill = scale(for: c).color(for: v)
                let content = text(row, c)
                let rect: [SVGWriter.Attribute] = [
                    ("x", num(columnStarts[c])), ("y", num(y0)), ("width", num(columnWidths[c])),
                    ("height", num(rowHeight)),
                ]
                w.open("g")
                w.element("title", text: row.label + ", " + columns[c] + ": " + content)
                w.empty("rect", rect + [
                    ("fill", (fill ?? missingFill).hex), ("stroke", (theme.background ?? .white).hex),
                    ("stroke-width", "1.5"),
                ])
                if fill == nil {
                    let id = document.patternID(.diagonal, ink: Color(0x999999))
                    w.empty("rect", rect + [("fill", "url(#" + id + ")")])
                }
                w.label(content, x: columnStarts[c] + columnWidths[c] / 2, y: y0 + rowHeight / 2 + textOffset,
                        color: fill?.contrastingText ?? theme.secondaryTextColor, anchor: "middle")
                w.close("g")
            }
            w.close("g")
        }

        if showsLegend {
            drawLegend(x: pad, y: legendTop, theme: theme, into: &w)
        }

        let description: String
        if let summary {
            description = summary
        } else {
            var parts: [String] = []
            if let title, !title.isEmpty { parts.append(title + ".") }
            parts.append("Table of " + String(rows.count) + " rows by " + String(columns.count) + " columns.")
            if !columns.isEmpty { parts.append("Columns: " + columns.joined(separator: ", ") + ".") }
            if !rows.isEmpty { parts.append("Rows: " + rows.map(\.label).joined(separator: ", ") + ".") }
            parts.append("Each cell shows its value as text; colour encodes the value.")
            description = parts.joined(separator: " ")
        }
        return document.assemble(
            width: W, height: H, title: title ?? subtitle ?? "Table", description: description, theme: theme,
            options: options, body: w.text)
    }

    // MARK: Legend

    private static let rampWidth = 240.0
    private static let rampSteps = 24

    private func legendItems() -> [(color: Color, label: String)] {
        guard case let .thresholds(bounds, colors, labels) = colorScale.kind else { return [] }
        return colors.enumerated().map { i, color in
            if let labels, i < labels.count { return (color, labels[i]) }
            let f = { (v: Double) in valueFormat(v, fractionDigits: fractionDigits) }
            if i == 0, let b = bounds.first { return (color, "< " + f(b)) }
            if i == bounds.count, let b = bounds.last { return (color, "≥ " + f(b)) }
            if i > 0, i < bounds.count { return (color, f(bounds[i - 1]) + "–" + f(bounds[i])) }
            return (color, "")
        }
    }

    private func legendBlockHeight(theme: Theme) -> Double {
        let titleLine = (legendTitle?.isEmpty == false) ? theme.fontSize + 6 : 0
        switch colorScale.kind {
        case .continuous: return titleLine + 12 + 6 + theme.tickFontSize
        case .thresholds: return titleLine + theme.fontSize + 8
        }
    }

    private func legendWidth(theme: Theme) -> Double {
        let titleWidth = TextMetrics.width(legendTitle ?? "", fontSize: theme.fontSize)
        switch colorScale.kind {
        case .continuous:
            return max(titleWidth, Self.rampWidth + 40)
        case .thresholds:
            let items = legendItems().map { 14 + 6 + TextMetrics.width($0.label, fontSize: theme.fontSize) + 16 }
            return max(titleWidth, items.reduce(0, +))
        }
    }

    private func drawLegend(x: Double, y: Double, theme: Theme, into w: inout SVGWriter) {
        var top = y
        w.open("g", [("aria-label", legendTitle ?? "legend")])
        if let t = legendTitle, !t.isEmpty {
            w.label(t, x: x, y: top + theme.fontSize, color: theme.textColor)
            top += theme.fontSize + 6
        }
        switch colorScale.kind {
        case let .continuous(domain, _):
            let step = Self.rampWidth / Double(Self.rampSteps)
            for i in 0..<Self.rampSteps {
                let t = (Double(i) + 0.5) / Double(Self.rampSteps)
                let v = domain.lowerBound + t * (domain.upperBound - domain.lowerBound)
                let color = colorScale.color(for: v) ?? .white
                w.empty("rect", [
                    ("x", num(x + Double(i) * step)), ("y", num(top)), ("width", num(step + 0.3)), ("height", "12"),
                    ("fill", color.hex),
                ])
            }
            let ly = top + 12 + 4 + theme.tickFontSize * 0.8
            let stops: [(Double, String)] = [
                (domain.lowerBound, "start"), ((domain.lowerBound + domain.upperBound) / 2, "middle"),
                (domain.upperBound, "end"),
            ]
            for (i, stop) in stops.enumerated() {
                let px = x + Self.rampWidth * Double(i) / 2
                w.label(valueFormat(stop.0, fractionDigits: fractionDigits), x: px, y: ly, size: theme.tickFontSize,
                        color: theme.secondaryTextColor, anchor: stop.1)
            }
        case .thresholds:
            var cx = x
            let cy = top + theme.fontSize / 2 + 2
            for item in legendItems() {
                w.empty("rect", [
                    ("x", num(cx)), ("y", num(cy - 7)), ("width", "14"), ("height", "14"), ("fill", item.color.hex),
                    ("stroke", theme.axisColor.hex), ("stroke-width", "0.5"),
                ])
                w.label(item.label, x: cx + 20, y: cy + theme.fontSize * 0.35, color: theme.textColor)
                cx += 14 + 6 + TextMetrics.width(item.label, fontSize: theme.fontSize) + 16
            }
        }
        w.close("g")
    }
}
