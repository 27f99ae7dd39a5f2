/// A minimal, deterministic SVG/XML writer: one element per line, two-space indentation,
/// attributes in the order given, every attribute value and text node escaped.
struct SVGWriter {
    /// One attribute: name and (unescaped) value.
    typealias Attribute = (String, String)

    private(set) var text = ""
    private var depth = 0

    /// Opens an element that will contain children.
    mutating func open(_ name: String, _ attributes: [Attribute] = []) {
        line("<" + name + Self.render(attributes) + ">")
        depth += 1
    }

    /// Closes the most recently opened element called `name`.
    mutating func close(_ name: String) {
        depth = max(depth - 1, 0)
        line("</" + name + ">")
    }

    /// Writes an element without children.
    mutating func empty(_ name: String, _ attributes: [Attribute]) {
        line("<" + name + Self.render(attributes) + "/>")
    }

    /// Writes an element containing only (escaped) text.
    mutating func element(_ name: String, _ attributes: [Attribute] = [], text content: String) {
        line("<" + name + Self.render(attributes) + ">" + XMLText.escape(content) + "</" + name + ">")
    }

    /// Increases the indentation by one level without opening an element.
    mutating func indent() {
        depth += 1
    }

    /// Writes a raw line (used for the XML prolog only).
    mutating func raw(_ content: String) {
        line(content)
    }

    private mutating func line(_ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    private static func render(_ attributes: [Attribute]) -> String {
        var out = ""
        for (name, value) in attributes {
            out += " " + name + "=\"" + XMLText.escape(value) + "\""
        }
        return out
    }
}

/// Shorthand for a coordinate attribute value.
@inline(__always)
func num(_ value: Double) -> String { DecimalText.coordinate(value) }
