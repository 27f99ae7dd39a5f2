/// Draws grids, axes and marks into one plot frame with placed axes.
struct PlotPainter {
    let frame: Rect
    let x: PlacedAxis
    let y: PlacedAxis
    let theme: Theme

    // MARK: Grid and axes

    /// Automatic grid choice: on for the value axis (the numeric axis opposite a band axis,
    /// or the y axis when neither is a band).
    static func gridDefaults(xAxis: Axis, yAxis: Axis) -> (x: Bool, y: Bool) {
        let xGrid = xAxis.showsGrid ?? (yAxis.isCategorical && !xAxis.isCategorical)
        let yGrid = yAxis.showsGrid ?? !yAxis.isCategorical
        return (xGrid, yGrid)
    }

    func drawGrid(showX: Bool, showY: Bool, into w: inout SVGWriter) {
        guard (showX && !x.isBand) || (showY && !y.isBand) else { return }
        w.open("g", [("stroke", theme.gridColor.hex), ("stroke-width", "1")])
        if showX, !x.isBand {
            for t in x.ticks where t.pixel >= frame.x - 0.5 && t.pixel <= frame.maxX + 0.5 {
                w.empty("line", [("x1", num(t.pixel)), ("y1", num(frame.y)), ("x2", num(t.pixel)), ("y2", num(frame.maxY))])
            }
        }
        if showY, !y.isBand {
            for t in y.ticks where t.pixel >= frame.y - 0.5 && t.pixel <= frame.maxY + 0.5 {
                w.empty("line", [("x1", num(frame.x)), ("y1", num(t.pixel)), ("x2", num(frame.maxX)), ("y2", num(t.pixel))])
            }
        }
        w.close("g")
    }

    /// Zero lines for numeric axes whose domain straddles 0.
    func drawZeroLines(into w: inout SVGWriter) {
        if let px = x.zeroPixel {
            w.line(px, frame.y, px, frame.maxY, color: theme.axisColor, width: 1)
        }
        if let py = y.zeroPixel {
            w.line(frame.x, py, frame.maxX, py, color: theme.axisColor, width: 1)
        }
    }

    /// Whether band labels on the x axis need rotating to avoid overlaps.
    static func needsRotation(_ axis: PlacedAxis, theme: Theme) -> Bool {
        guard let band = axis.bandScale else { return false }
        let widest = band.categories.map { TextMetrics.width($0, fontSize: theme.tickFontSize) }.max() ?? 0
        return widest > band.step - 4
    }

    /// Height below the plot taken by x tick labels.
    static func xLabelBlockHeight(rotated: Bool, labels: [String], theme: Theme) -> Double {
        let tick = 9.0
        guard rotated else { return tick + theme.tickFontSize }
        let widest = labels.map { TextMetrics.width($0, fontSize: theme.tickFontSize) }.max() ?? 0
        return tick + widest * Rotation.sine + theme.tickFontSize * Rotation.cosine
    }

    func drawXAxis(showLabels: Bool, rotated: Bool, into w: inout SVGWriter) {
        let base = frame.maxY
        w.open("g", [("aria-hidden", "true")])
        w.line(frame.x, base, frame.maxX, base, color: theme.axisColor, width: 1)
        for t in x.ticks where t.pixel >= frame.x - 0.5 && t.pixel <= frame.maxX + 0.5 {
            if !x.isBand { w.line(t.pixel, base, t.pixel, base + 5, color: theme.axisColor, width: 1) }
            guard showLabels else { continue }
            if rotated {
                let ly = base + 9 + theme.tickFontSize * 0.7
                w.label(t.label, x: t.pixel, y: ly, size: theme.tickFontSize, color: theme.secondaryTextColor,
                        anchor: "end",
                        extra: [("transform", "rotate(" + num(Rotation.degrees) + " " + num(t.pixel) + " " + num(ly) + ")")])
            } else {
                w.label(t.label, x: t.pixel, y: base + 9 + theme.tickFontSize * 0.8, size: theme.tickFontSize,
                        color: theme.secondaryTextColor, anchor: "middle")
            }
        }
        w.close("g")
    }

    func drawYAxis(showLabels: Bool, into w: inout SVGWriter) {
        w.open("g", [("aria-hidden", "true")])
        w.line(frame.x, frame.y, frame.x, frame.maxY, color: theme.axisColor, width: 1)
        for t in y.ticks where t.pixel >= frame.y - 0.5 && t.pixel <= frame.maxY + 0.5 {
            if !y.isBand { w.line(frame.x - 5, t.pixel, frame.x, t.pixel, color: theme.axisColor, width: 1) }
            guard showLabels else { continue }
            w.label(t.label, x: frame.x - 8, y: t.pixel + theme.tickFontSize * 0.35, size: theme.tickFontSize,
                    color: y.isBand ? theme.textColor : theme.secondaryTextColor, anchor: "end")
        }
        w.close("g")
    }

    // MARK: Marks

    /// Draws all marks except rule labels and direct labels (which go outside the clip).
    /// Lines, bands, areas, points and text need two numeric/date axes and are skipped on a
    /// categorical axis; bars need one categorical axis.
    func drawMarks(_ marks: [Mark], document: inout DocumentBuilder, into w: inout SVGWriter) {
        let barMarks = marks.filter { if case .bars = $0 { return true } else { return false } }.count
        var barIndex = 0
        for mark in marks {
            switch mark {
            case let .stackedArea(m): drawStackedArea(m, document: &document, into: &w)
            case let .band(m): drawBand(m, into: &w)
            case let .line(m): drawLine(m, into: &w)
            case let .bars(m):
                drawBars(m, group: barIndex, of: barMarks, document: &document, into: &w)
                barIndex += 1
            case let .points(m): drawPoints(m, into: &w)
            case let .rule(m): drawRule(m, into: &w)
            case let .text(m): drawText(m, into: &w)
            }
        }
    }

    /// Splits items into runs of consecutive valid items.
    static func runs<T>(_ items: [T], valid: (T) -> Bool) -> [[T]] {
        var runs: [[T]] = []
        var current: [T] = []
        for item in items {
            if valid(item) {
                current.append(item)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// Path data through pixel points, straight or stepped.
    static func pathData(_ points: [(Double, Double)], interpolation: Interpolation, move: Bool = true) -> String {
        var d = ""
        for (i, p) in points.enumerated() {
            if i == 0 {
                d += (move ? "M" : "L") + num(p.0) + " " + num(p.1)
            } else {
                if interpolation == .stepAfter {
                    d += "L" + num(p.0) + " " + num(points[i - 1].1)
                }
                d += "L" + num(p.0) + " " + num(p.1)
            }
        }
        return d
    }

    func drawLine(_ m: LineMark, into w: inout SVGWriter) {
        guard !x.isBand, !y.isBand else { return }  // Needs two continuous axes.
        let color = m.style.color ?? theme.textColor
        let dash = m.style.dash ?? .solid
        let runs = Self.runs(m.points) { $0.x.isFinite && $0.y.isFinite }
        guard !runs.isEmpty else { return }
        w.open("g", [("aria-label", m.label)])
        for run in runs {
            let pixels = run.map { (x.map($0.x), y.map($0.y)) }
            if pixels.count == 1, m.style.marker == nil, let p = pixels.first {
                w.empty("circle", [("cx", num(p.0)), ("cy", num(p.1)), ("r", num(max(m.style.width, 1.5))), ("fill", color.hex)])
                continue
            }
            var attributes: [SVGWriter.Attribute] = [
                ("d", Self.pathData(pixels, interpolation: m.interpolation)), ("fill", "none"),
                ("stroke", color.hex), ("stroke-width", num(m.style.width)),
                ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
            ]
            if let array = dash.dashArray { attributes.append(("stroke-dasharray", array)) }
            w.empty("path", attributes)
        }
        if let marker = m.style.marker {
            for run in runs {
                for p in run {
                    w.symbol(marker, cx: x.map(p.x), cy: y.map(p.y), size: max(6, m.style.width * 3),
                             color: color, outline: .white)
                }
            }
        }
        w.close("g")
    }

    func drawBand(_ m: BandMark, into w: inout SVGWriter) {
        guard !x.isBand, !y.isBand else { return }  // Needs two continuous axes.
        let color = m.color ?? theme.secondaryTextColor
        let runs = Self.runs(m.points) { $0.x.isFinite && $0.lower.isFinite && $0.upper.isFinite }
        guard !runs.isEmpty else { return }
        var attributes: [SVGWriter.Attribute] = []
        if let label = m.label { attributes.append(("aria-label", label)) }
        w.open("g", attributes)
        for run in runs {
            let upper = run.map { (x.map($0.x), y.map($0.upper)) }
            var lower = run.map { (x.map($0.x), y.map($0.lower)) }
            lower.reverse()
            var d = Self.pathData(upper, interpolation: m.interpolation)
            // Going backwards, a step-after edge holds the *earlier* point's value, so the
            // vertical comes first: reverse the step direction.
            if m.interpolation == .stepAfter {
                for (i, p) in lower.enumerated() {
                    if i == 0 {
                        d += "L" + num(p.0) + " " + num(p.1)
                    } else {
                        d += "L" + num(lower[i - 1].0) + " " + num(p.1) + "L" + num(p.0) + " " + num(p.1)
                    }
                }
            } else {
                d += Self.pathData(lower, interpolation: .linear, move: false)
            }
            d += "Z"
            w.empty("path", [("d", d), ("fill", color.hex), ("fill-opacity", num(m.opacity)), ("stroke", "none")])
        }
        w.close("g")
    }

    func drawStackedArea(_ m: StackedAreaMark, document: inout DocumentBuilder, into w: inout SVGWriter) {
        guard !x.isBand, !y.isBand else { return }  // Needs two continuous axes.
        let columns = m.columns()
        let runs = Self.runs(columns) { $0 != nil }.map { $0.compactMap { $0 } }
        guard !runs.isEmpty else { return }
        w.open("g", [("aria-label", m.layers.map(\.label).joined(separator: ", "))])
        for (j, layer) in m.layers.enumerated() {
            let color = layer.color ?? theme.secondaryTextColor
            for run in runs {
                let upper = run.map { (x.map($0.x), y.map($0.edges[j].upper)) }
                let lower = run.reversed().map { (x.map($0.x), y.map($0.edges[j].lower)) }
                let d = Self.pathData(upper, interpolation: .linear)
                    + Self.pathData(lower, interpolation: .linear, move: false) + "Z"
                var attributes: [SVGWriter.Attribute] = [("d", d), ("fill", color.hex)]
                if m.opacity < 1 { attributes.append(("fill-opacity", num(m.opacity))) }
                w.empty("path", attributes)
                if layer.pattern != .solid {
                    let id = document.patternID(layer.pattern, ink: color.contrastingText)
                    w.empty("path", [("d", d), ("fill", "url(#" + id + ")")])
                }
                // A thin light edge on top keeps neighbouring layers apart.
                w.empty("path", [
                    ("d", Self.pathData(upper, interpolation: .linear)), ("fill", "none"),
                    ("stroke", (theme.background ?? .white).hex), ("stroke-width", "0.75"),
                ])
            }
        }
        w.close("g")
    }

    func drawBars(_ m: BarMark, group: Int, of groups: Int, document: inout DocumentBuilder, into w: inout SVGWriter) {
        let vertical = x.isBand
        guard let band = (vertical ? x.bandScale : y.bandScale) else { return }
        let valueAxis = vertical ? y : x
        let base = valueAxis.barBase
        var attributes: [SVGWriter.Attribute] = []
        if let label = m.label { attributes.append(("aria-label", label)) }
        w.open("g", attributes)
        for bar in m.bars {
            guard let slot = band.band(for: bar.category) else { continue }
            let sub = slot.width / Double(max(groups, 1))
            let inset = groups > 1 ? sub * 0.06 : 0
            let start = slot.start + Double(group) * sub + inset
            let thickness = sub - 2 * inset
            let center = start + thickness / 2
            let color = bar.color ?? m.color ?? theme.secondaryTextColor
            if bar.value.isFinite, m.style == .bar {
                let v = valueAxis.map(bar.value)
                let rect: [SVGWriter.Attribute] = vertical
                    ? [("x", num(start)), ("y", num(min(v, base))), ("width", num(thickness)), ("height", num(abs(v - base)))]
                    : [("x", num(min(v, base))), ("y", num(start)), ("width", num(abs(v - base))), ("height", num(thickness))]
                w.empty("rect", rect + [("fill", color.hex)])
                if m.pattern != .solid {
                    let id = document.patternID(m.pattern, ink: color.contrastingText)
                    w.empty("rect", rect + [("fill", "url(#" + id + ")")])
                }
            }
            // Whisker.
            if let lo = bar.lower, let hi = bar.upper, lo.isFinite, hi.isFinite {
                let a = valueAxis.map(lo), b = valueAxis.map(hi)
                let cap = min(10, thickness * 0.4)
                let ink = m.style == .bar ? theme.textColor : color
                if vertical {
                    w.line(center, a, center, b, color: ink, width: 1.5)
                    w.line(center - cap / 2, a, center + cap / 2, a, color: ink, width: 1.5)
                    w.line(center - cap / 2, b, center + cap / 2, b, color: ink, width: 1.5)
                } else {
                    w.line(a, center, b, center, color: ink, width: 1.5)
                    w.line(a, center - cap / 2, a, center + cap / 2, color: ink, width: 1.5)
                    w.line(b, center - cap / 2, b, center + cap / 2, color: ink, width: 1.5)
                }
            }
            if bar.value.isFinite, m.style == .dot {
                let v = valueAxis.map(bar.value)
                w.symbol(.circle, cx: vertical ? center : v, cy: vertical ? v : center,
                         size: min(10, max(6, thickness * 0.5)), color: color, outline: .white)
            }
        }
        w.close("g")
    }

    /// Value labels of bar marks (drawn outside the clip so they are never cut).
    func drawBarValues(_ marks: [Mark], into w: inout SVGWriter) {
        let vertical = x.isBand
        guard let band = (vertical ? x.bandScale : y.bandScale) else { return }
        let valueAxis = vertical ? y : x
        let groups = marks.filter { if case .bars = $0 { return true } else { return false } }.count
        var group = 0
        for mark in marks {
            guard case let .bars(m) = mark else { continue }
            defer { group += 1 }
            guard m.showsValues else { continue }
            for bar in m.bars where bar.value.isFinite {
                guard let slot = band.band(for: bar.category) else { continue }
                let sub = slot.width / Double(max(groups, 1))
                let center = slot.start + Double(group) * sub + sub / 2
                let text = m.valueFormat(bar.value, fractionDigits: m.valueFractionDigits)
                let negative = bar.value < 0
                var end = bar.value
                if let u = bar.upper, u.isFinite, !negative { end = max(end, u) }
                if let l = bar.lower, l.isFinite, negative { end = min(end, l) }
                let p = valueAxis.map(end)
                if vertical {
                    let ly = negative ? p + theme.tickFontSize + 3 : p - 4
                    w.label(text, x: center, y: ly, size: theme.tickFontSize, color: theme.textColor, anchor: "middle")
                } else {
                    w.label(text, x: negative ? p - 4 : p + 4, y: center + theme.tickFontSize * 0.35,
                            size: theme.tickFontSize, color: theme.textColor, anchor: negative ? "end" : "start")
                }
            }
        }
    }

    func drawPoints(_ m: PointMark, into w: inout SVGWriter) {
        guard !x.isBand, !y.isBand else { return }  // Needs two continuous axes.
        let color = m.color ?? theme.textColor
        let valid = m.points.filter { $0.x.isFinite && $0.y.isFinite }
        guard !valid.isEmpty else { return }
        var attributes: [SVGWriter.Attribute] = []
        if let label = m.label { attributes.append(("aria-label", label)) }
        w.open("g", attributes)
        for p in valid {
            w.symbol(m.shape, cx: x.map(p.x), cy: y.map(p.y), size: m.size, color: color, outline: .white)
        }
        w.close("g")
    }

    func drawRule(_ m: RuleMark, into w: inout SVGWriter) {
        let color = m.color ?? theme.secondaryTextColor
        switch m.position {
        case let .x(v):
            guard v.isFinite, !x.isBand else { return }
            let px = x.map(v)
            w.line(px, frame.y, px, frame.maxY, color: color, width: m.width, dash: m.dash)
        case let .y(v):
            guard v.isFinite, !y.isBand else { return }
            let py = y.map(v)
            w.line(frame.x, py, frame.maxX, py, color: color, width: m.width, dash: m.dash)
        }
    }

    func drawText(_ m: TextMark, into w: inout SVGWriter) {
        guard m.point.x.isFinite, m.point.y.isFinite, !x.isBand, !y.isBand else { return }
        w.label(m.text, x: x.map(m.point.x) + m.dx, y: y.map(m.point.y) + m.dy, color: m.color ?? theme.textColor,
                anchor: m.anchor.svgValue, bold: m.bold)
    }

    /// Rule labels: vertical rules label near the top of the plot, staggered into rows so
    /// neighbouring labels (e.g. "today" and a target date) never overlap; horizontal rules
    /// label at the right end, above the line. Each label sits on a light backing.
    func drawRuleLabels(_ marks: [Mark], into w: inout SVGWriter) {
        var rows: [[ClosedRange<Double>]] = []
        let size = theme.tickFontSize
        let lineHeight = size + 4
        for mark in marks {
            guard case let .rule(m) = mark, let text = m.label, !text.isEmpty else { continue }
            let width = TextMetrics.width(text, fontSize: size)
            let color = m.color ?? theme.secondaryTextColor
            let ink = color.contrastRatio(with: theme.background ?? .white) >= 4.5 ? color : theme.textColor
            switch m.position {
            case let .x(v):
                guard v.isFinite, !x.isBand else { continue }
                let px = x.map(v)
                guard px >= frame.x - 0.5, px <= frame.maxX + 0.5 else { continue }
                let leftAligned = px + 4 + width <= frame.maxX
                let lx = leftAligned ? px + 4 : px - 4
                let span = leftAligned ? (lx - 2)...(lx + width + 2) : (lx - width - 2)...(lx + 2)
                var row = 0
                while row < rows.count, rows[row].contains(where: { $0.overlaps(span) }) { row += 1 }
                if row == rows.count { rows.append([]) }
                rows[row].append(span)
                let ly = frame.y + size + 2 + Double(row) * lineHeight
                backing(span.lowerBound, ly - size * 0.85, span.upperBound - span.lowerBound, size * 1.15, into: &w)
                w.label(text, x: lx, y: ly, size: size, color: ink, anchor: leftAligned ? "start" : "end")
            case let .y(v):
                guard v.isFinite, !y.isBand else { continue }
                let py = y.map(v)
                guard py >= frame.y - 0.5, py <= frame.maxY + 0.5 else { continue }
                let lx = frame.maxX - 4
                let ly = py - 4 < frame.y + size ? py + size + 2 : py - 4
                backing(lx - width - 2, ly - size * 0.85, width + 4, size * 1.15, into: &w)
                w.label(text, x: lx, y: ly, size: size, color: ink, anchor: "end")
            }
        }
    }

    private func backing(_ x0: Double, _ y0: Double, _ width: Double, _ height: Double, into w: inout SVGWriter) {
        w.empty("rect", [
            ("x", num(x0)), ("y", num(y0)), ("width", num(width)), ("height", num(height)),
            ("fill", (theme.background ?? .white).hex), ("fill-opacity", "0.85"),
        ])
    }

    /// Direct labels for line marks that ask for them: in the right margin at the height of
    /// each line's last finite point, pushed apart so they never overlap, each with a
    /// short stroke sample so the label is tied to its line without relying on colour.
    func drawDirectLabels(_ marks: [Mark], into w: inout SVGWriter) {
        var items: [(y: Double, label: String, color: Color, dash: DashStyle, width: Double)] = []
        for mark in marks {
            guard case let .line(m) = mark, m.directLabel,
                  let last = m.points.last(where: { $0.x.isFinite && $0.y.isFinite }) else { continue }
            items.append((y.map(last.y), m.label, m.style.color ?? theme.textColor, m.style.dash ?? .solid, m.style.width))
        }
        guard !items.isEmpty else { return }
        items.sort { $0.y < $1.y }
        let spacing = theme.fontSize + 2
        var positions = items.map(\.y)
        for i in positions.indices {
            positions[i] = max(positions[i], frame.y + theme.fontSize / 2)
            if i > 0 { positions[i] = max(positions[i], positions[i - 1] + spacing) }
        }
        // If pushed past the bottom, shift the stack up.
        if let last = positions.last, last > frame.maxY {
            let overflow = last - frame.maxY
            positions = positions.map { $0 - overflow }
            for i in positions.indices.reversed().dropFirst() {
                positions[i] = min(positions[i], positions[i + 1] - spacing)
            }
        }
        w.open("g", [("aria-hidden", "true")])
        for (item, py) in zip(items, positions) {
            let x0 = frame.maxX + 6
            w.line(x0, py, x0 + 12, py, color: item.color, width: min(item.width, 3), dash: item.dash)
            w.label(item.label, x: x0 + 16, y: py + theme.fontSize * 0.35, color: theme.textColor)
        }
        w.close("g")
    }

    /// Width the direct labels need right of the plot.
    static func directLabelWidth(_ marks: [Mark], theme: Theme) -> Double {
        var widest = -1.0
        for mark in marks {
            if case let .line(m) = mark, m.directLabel {
                widest = max(widest, TextMetrics.width(m.label, fontSize: theme.fontSize))
            }
        }
        return widest < 0 ? 0 : widest + 22
    }
}
