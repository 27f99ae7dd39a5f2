/// Hands out palette colours and dash styles by series label, in first-seen order, so the
/// same label gets the same look everywhere in a chart (and across small-multiple panels).
struct StyleBook {
    let theme: Theme
    private var colors: [String: Color] = [:]
    private var dashes: [String: DashStyle] = [:]
    private var nextColor = 0
    private var nextDash = 0

    init(theme: Theme) {
        self.theme = theme
    }

    mutating func color(label: String?, explicit: Color?) -> Color {
        if let explicit {
            if let label, colors[label] == nil { colors[label] = explicit }
            return explicit
        }
        if let label, let known = colors[label] { return known }
        let c = theme.palette[nextColor % theme.palette.count]
        nextColor += 1
        if let label { colors[label] = c }
        return c
    }

    mutating func dash(label: String, explicit: DashStyle?) -> DashStyle {
        if let explicit {
            if dashes[label] == nil { dashes[label] = explicit }
            return explicit
        }
        if let known = dashes[label] { return known }
        let d = theme.dashCycle[nextDash % theme.dashCycle.count]
        nextDash += 1
        dashes[label] = d
        return d
    }

    /// Copies of `marks` with every colour and dash filled in.
    mutating func resolve(_ marks: [Mark]) -> [Mark] {
        // Lines first, so a band or points labelled like a line take the line's colour
        // even when they are drawn (listed) before it.
        for mark in marks {
            if case let .line(line) = mark {
                _ = color(label: line.label, explicit: line.style.color)
                _ = dash(label: line.label, explicit: line.style.dash)
            }
        }
        return marks.map { mark in
            switch mark {
            case var .line(m):
                m.style.color = color(label: m.label, explicit: m.style.color)
                m.style.dash = dash(label: m.label, explicit: m.style.dash)
                return .line(m)
            case var .stackedArea(m):
                for i in m.layers.indices {
                    m.layers[i].color = color(label: m.layers[i].label, explicit: m.layers[i].color)
                }
                return .stackedArea(m)
            case var .band(m):
                m.color = color(label: m.label, explicit: m.color)
                return .band(m)
            case var .bars(m):
                m.color = color(label: m.label, explicit: m.color)
                return .bars(m)
            case var .points(m):
                m.color = color(label: m.label, explicit: m.color)
                return .points(m)
            case var .rule(m):
                m.color = m.color ?? theme.secondaryTextColor
                return .rule(m)
            case .text:
                return mark
            }
        }
    }
}

/// What a legend entry's swatch shows; entries with the same label merge their layers
/// (a line over its band, for instance).
struct Swatch {
    var fill: (color: Color, pattern: FillPattern, opacity: Double)?
    var stroke: (color: Color, dash: DashStyle, width: Double)?
    var marker: (color: Color, shape: PointShape)?
}

/// One legend entry: a swatch and its text.
struct LegendEntry {
    var label: String
    var swatch: Swatch

    /// Entries for the labelled series of resolved marks, merged by label, first-seen order.
    static func collect(_ marks: [Mark], into entries: inout [LegendEntry]) {
        func add(_ label: String, _ swatch: Swatch) {
            if let i = entries.firstIndex(where: { $0.label == label }) {
                if entries[i].swatch.fill == nil { entries[i].swatch.fill = swatch.fill }
                if entries[i].swatch.stroke == nil { entries[i].swatch.stroke = swatch.stroke }
                if entries[i].swatch.marker == nil { entries[i].swatch.marker = swatch.marker }
            } else {
                entries.append(LegendEntry(label: label, swatch: swatch))
            }
        }
        for mark in marks {
            switch mark {
            case let .line(m):
                let c = m.style.color ?? .black
                add(m.label, Swatch(
                    stroke: (c, m.style.dash ?? .solid, min(m.style.width, 3)),
                    marker: m.style.marker.map { (c, $0) }))
            case let .stackedArea(m):
                for layer in m.layers {
                    add(layer.label, Swatch(fill: (layer.color ?? .black, layer.pattern, m.opacity)))
                }
            case let .band(m):
                if let label = m.label { add(label, Swatch(fill: (m.color ?? .black, .solid, m.opacity))) }
            case let .bars(m):
                guard let label = m.label else { continue }
                let c = m.color ?? .black
                switch m.style {
                case .bar: add(label, Swatch(fill: (c, m.pattern, 1)))
                case .dot: add(label, Swatch(marker: (c, .circle)))
                }
            case let .points(m):
                if let label = m.label { add(label, Swatch(marker: (m.color ?? .black, m.shape))) }
            case .rule, .text:
                continue
            }
        }
    }
}
