/// Legend layout and drawing: a swatch and the series' text for every entry.
enum Legend {
    static let swatchWidth = 24.0
    static let textGap = 6.0
    static let itemGap = 18.0

    static func rowHeight(_ theme: Theme) -> Double { theme.fontSize + 8 }

    static func itemWidth(_ entry: LegendEntry, _ theme: Theme) -> Double {
        swatchWidth + textGap + TextMetrics.width(entry.label, fontSize: theme.fontSize)
    }

    /// Splits entries into rows that fit `maxWidth` (an over-long entry gets its own row).
    static func flow(_ entries: [LegendEntry], maxWidth: Double, theme: Theme) -> [[Int]] {
        var rows: [[Int]] = []
        var current: [Int] = []
        var used = 0.0
        for (i, entry) in entries.enumerated() {
            let w = itemWidth(entry, theme)
            let needed = current.isEmpty ? w : used + itemGap + w
            if !current.isEmpty, needed > maxWidth {
                rows.append(current)
                current = [i]
                used = w
            } else {
                current.append(i)
                used = needed
            }
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    /// Height of a flowed legend (0 when empty).
    static func flowHeight(rows: Int, theme: Theme) -> Double {
        rows == 0 ? 0 : Double(rows) * rowHeight(theme)
    }

    /// Width of a one-column legend.
    static func columnWidth(_ entries: [LegendEntry], theme: Theme) -> Double {
        entries.map { itemWidth($0, theme) }.max() ?? 0
    }

    /// Draws a flowed legend with its first row's top at `y`, rows starting at `x`.
    static func drawFlow(
        _ entries: [LegendEntry], rows: [[Int]], x: Double, y: Double, theme: Theme,
        document: inout DocumentBuilder, into w: inout SVGWriter
    ) {
        guard !rows.isEmpty else { return }
        w.open("g", [("aria-label", "legend")])
        for (r, row) in rows.enumerated() {
            var cx = x
            let cy = y + Double(r) * rowHeight(theme) + rowHeight(theme) / 2
            for i in row {
                drawItem(entries[i], x: cx, centerY: cy, theme: theme, document: &document, into: &w)
                cx += itemWidth(entries[i], theme) + itemGap
            }
        }
        w.close("g")
    }

    /// Draws a one-column legend with its top-left corner at `(x, y)`.
    static func drawColumn(
        _ entries: [LegendEntry], x: Double, y: Double, theme: Theme,
        document: inout DocumentBuilder, into w: inout SVGWriter
    ) {
        guard !entries.isEmpty else { return }
        w.open("g", [("aria-label", "legend")])
        for (i, entry) in entries.enumerated() {
            let cy = y + Double(i) * rowHeight(theme) + rowHeight(theme) / 2
            drawItem(entry, x: x, centerY: cy, theme: theme, document: &document, into: &w)
        }
        w.close("g")
    }

    static func drawItem(
        _ entry: LegendEntry, x: Double, centerY cy: Double, theme: Theme,
        document: inout DocumentBuilder, into w: inout SVGWriter
    ) {
        drawSwatch(entry.swatch, x: x, centerY: cy, document: &document, into: &w)
        w.label(entry.label, x: x + swatchWidth + textGap, y: cy + theme.fontSize * 0.35, color: theme.textColor)
    }

    static func drawSwatch(
        _ swatch: Swatch, x: Double, centerY cy: Double, document: inout DocumentBuilder,
        into w: inout SVGWriter
    ) {
        if let fill = swatch.fill {
            let rect: [SVGWriter.Attribute] = [
                ("x", num(x)), ("y", num(cy - 6)), ("width", num(swatchWidth)), ("height", "12"),
            ]
            var attributes = rect + [("fill", fill.color.hex)]
            if fill.opacity < 1 { attributes.append(("fill-opacity", num(fill.opacity))) }
            w.empty("rect", attributes)
            if fill.pattern != .solid {
                let id = document.patternID(fill.pattern, ink: fill.color.contrastingText)
                w.empty("rect", rect + [("fill", "url(#" + id + ")")])
            }
        }
        if let stroke = swatch.stroke {
            w.line(x, cy, x + swatchWidth, cy, color: stroke.color, width: stroke.width, dash: stroke.dash,
                   extra: [("stroke-linecap", "round")])
        }
        if let marker = swatch.marker {
            w.symbol(marker.shape, cx: x + swatchWidth / 2, cy: cy, size: 8, color: marker.color, outline: .white)
        }
    }
}
