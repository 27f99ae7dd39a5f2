#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// A rectangle in pixels.
struct Rect: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double
    var maxX: Double { x + width }
    var maxY: Double { y + height }
}

/// Collects the `<defs>` a drawing needs (fill patterns, clip paths) and assembles the
/// final document around the drawn body.
struct DocumentBuilder {
    /// A fill pattern in one ink colour.
    struct PatternKey: Hashable {
        var pattern: FillPattern
        var ink: Color
    }

    let prefix: String
    private(set) var patterns: [PatternKey] = []
    private(set) var clips: [(id: String, rect: Rect)] = []

    init(options: SVGOptions) {
        self.prefix = options.safePrefix
    }

    /// The id of `pattern` drawn in `ink`, registering it on first use.
    mutating func patternID(_ pattern: FillPattern, ink: Color) -> String {
        let key = PatternKey(pattern: pattern, ink: ink)
        if !patterns.contains(key) { patterns.append(key) }
        return prefix + "-pattern-" + pattern.idSuffix + "-" + String(ink.hex.dropFirst())
    }

    /// Registers a clip rectangle and returns its id.
    mutating func clipID(_ rect: Rect) -> String {
        let id = prefix + "-clip-" + String(clips.count)
        clips.append((id, rect))
        return id
    }

    /// The complete document: optional prolog, root `<svg>` with accessibility attributes,
    /// `<title>`, `<desc>`, `<defs>` and the body.
    func assemble(
        width: Double, height: Double, title: String, description: String, theme: Theme,
        options: SVGOptions, body: String
    ) -> String {
        var w = SVGWriter()
        if options.embedding == .standalone {
            w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>")
        }
        let titleID = prefix + "-title", descID = prefix + "-desc"
        w.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"),
            ("width", num(width)), ("height", num(height)),
            ("viewBox", "0 0 " + num(width) + " " + num(height)),
            ("role", "img"), ("aria-labelledby", titleID + " " + descID),
            ("font-family", theme.fontFamily), ("font-size", num(theme.fontSize)),
        ])
        w.element("title", [("id", titleID)], text: title)
        w.element("desc", [("id", descID)], text: description)
        if !patterns.isEmpty || !clips.isEmpty {
            w.open("defs")
            for key in patterns { writePattern(key, into: &w) }
            for clip in clips {
                w.open("clipPath", [("id", clip.id)])
                w.empty("rect", [
                    ("x", num(clip.rect.x)), ("y", num(clip.rect.y)),
                    ("width", num(clip.rect.width)), ("height", num(clip.rect.height)),
                ])
                w.close("clipPath")
            }
            w.close("defs")
        }
        if let background = theme.background {
            w.empty("rect", [
                ("x", "0"), ("y", "0"), ("width", num(width)), ("height", num(height)),
                ("fill", background.hex),
            ])
        }
        var out = w.text
        out += body
        out += "</svg>\n"
        return out
    }

    private func writePattern(_ key: PatternKey, into w: inout SVGWriter) {
        let id = prefix + "-pattern-" + key.pattern.idSuffix + "-" + String(key.ink.hex.dropFirst())
        let ink = key.ink.hex
        let stroke: [SVGWriter.Attribute] = [("stroke", ink), ("stroke-width", "1.2"), ("stroke-opacity", "0.55")]
        switch key.pattern {
        case .solid:
            return
        case .diagonal:
            w.open("pattern", [("id", id), ("patternUnits", "userSpaceOnUse"), ("width", "6"), ("height", "6"),
                               ("patternTransform", "rotate(45)")])
            w.empty("line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6")] + stroke)
        case .crossHatch:
            w.open("pattern", [("id", id), ("patternUnits", "userSpaceOnUse"), ("width", "6"), ("height", "6"),
                               ("patternTransform", "rotate(45)")])
            w.empty("line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6")] + stroke)
            w.empty("line", [("x1", "0"), ("y1", "0"), ("x2", "6"), ("y2", "0")] + stroke)
        case .dots:
            w.open("pattern", [("id", id), ("patternUnits", "userSpaceOnUse"), ("width", "5"), ("height", "5")])
            w.empty("circle", [("cx", "2.5"), ("cy", "2.5"), ("r", "1"), ("fill", ink), ("fill-opacity", "0.6")])
        case .horizontal:
            w.open("pattern", [("id", id), ("patternUnits", "userSpaceOnUse"), ("width", "6"), ("height", "5")])
            w.empty("line", [("x1", "0"), ("y1", "2.5"), ("x2", "6"), ("y2", "2.5")] + stroke)
        }
        w.close("pattern")
    }
}

extension SVGWriter {
    /// A body writer indented one level (inside `<svg>`).
    static func body() -> SVGWriter {
        var w = SVGWriter()
        w.indent()
        return w
    }

    /// Writes a text element with the given position, size, colour and anchor.
    mutating func label(
        _ content: String, x: Double, y: Double, size: Double? = nil, color: Color,
        anchor: String = "start", bold: Bool = false, extra: [Attribute] = []
    ) {
        var attributes: [Attribute] = [("x", num(x)), ("y", num(y))]
        if let size { attributes.append(("font-size", num(size))) }
        if anchor != "start" { attributes.append(("text-anchor", anchor)) }
        if bold { attributes.append(("font-weight", "bold")) }
        attributes.append(("fill", color.hex))
        element("text", attributes + extra, text: content)
    }

    /// Writes a straight line.
    mutating func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: Color, width: Double = 1,
        dash: DashStyle = .solid, extra: [Attribute] = []
    ) {
        var attributes: [Attribute] = [
            ("x1", num(x1)), ("y1", num(y1)), ("x2", num(x2)), ("y2", num(y2)),
            ("stroke", color.hex), ("stroke-width", num(width)),
        ]
        if let array = dash.dashArray { attributes.append(("stroke-dasharray", array)) }
        empty("line", attributes + extra)
    }

    /// Draws a point symbol centred at `(cx, cy)` with diameter `size`.
    mutating func symbol(_ shape: PointShape, cx: Double, cy: Double, size: Double, color: Color, outline: Color?) {
        let h = size / 2
        var fill: [Attribute] = [("fill", color.hex)]
        if let outline { fill += [("stroke", outline.hex), ("stroke-width", "0.75")] }
        let stroke: [Attribute] = [("fill", "none"), ("stroke", color.hex), ("stroke-width", "1.5")]
        switch shape {
        case .circle:
            empty("circle", [("cx", num(cx)), ("cy", num(cy)), ("r", num(h))] + fill)
        case .square:
            empty("rect", [("x", num(cx - h * 0.9)), ("y", num(cy - h * 0.9)),
                           ("width", num(size * 0.9)), ("height", num(size * 0.9))] + fill)
        case .triangle:
            let d = "M" + num(cx) + " " + num(cy - h * 1.1) + "L" + num(cx + h) + " " + num(cy + h * 0.7)
                + "L" + num(cx - h) + " " + num(cy + h * 0.7) + "Z"
            empty("path", [("d", d)] + fill)
        case .diamond:
            let r = h * 1.15
            let d = "M" + num(cx) + " " + num(cy - r) + "L" + num(cx + r) + " " + num(cy)
                + "L" + num(cx) + " " + num(cy + r) + "L" + num(cx - r) + " " + num(cy) + "Z"
            empty("path", [("d", d)] + fill)
        case .cross:
            let r = h * 0.8
            let d = "M" + num(cx - r) + " " + num(cy - r) + "L" + num(cx + r) + " " + num(cy + r)
                + "M" + num(cx - r) + " " + num(cy + r) + "L" + num(cx + r) + " " + num(cy - r)
            empty("path", [("d", d)] + stroke)
        case .plus:
            let d = "M" + num(cx - h) + " " + num(cy) + "L" + num(cx + h) + " " + num(cy)
                + "M" + num(cx) + " " + num(cy - h) + "L" + num(cx) + " " + num(cy + h)
            empty("path", [("d", d)] + stroke)
        case .tick:
            let d = "M" + num(cx) + " " + num(cy - h) + "L" + num(cx) + " " + num(cy + h)
            empty("path", [("d", d)] + stroke)
        }
    }
}

/// sin/cos of the category-label rotation (35°).
enum Rotation {
    static let degrees = -35.0
    static let sine = sin(35.0 * Double.pi / 180)
    static let cosine = cos(35.0 * Double.pi / 180)
}
